using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// The machine-readable report. Property names are fixed here (camelCase, written by hand rather than derived from
/// type members), so renaming a C# member never breaks a consumer; <c>schemaVersion</c> changes if the shape does.
/// </summary>
public static class ComplianceJsonReport
{
    public const int SchemaVersion = 1;

    private const int FlushEvery = 256;

    public static string ToJson(ComplianceResult result)
    {
        using var stream = new MemoryStream();
        Write(result, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(ComplianceResult result, Stream stream)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        // Relaxed escaping keeps names readable ("Margie's"), and stays safe: this is a file, not inline HTML.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("startedAt", result.StartedAt);
        json.WriteString("completedAt", result.CompletedAt);
        WriteNullable(json, "previousRunAt", result.PreviousRunAt);
        if (result.RunId is { } runId)
        {
            json.WriteNumber("runId", runId);
        }
        else
        {
            json.WriteNull("runId");
        }

        json.WriteString("scope", result.Scope);
        json.WriteString("minimumSeverity", result.MinimumSeverity.ToString());
        WriteStrings(json, "disabledRules", result.DisabledRules);

        json.WriteStartObject("coverage");
        json.WriteNumber("invites", result.Coverage.Invites);
        json.WriteNumber("relationships", result.Coverage.Relationships);
        json.WriteNumber("customers", result.Coverage.Customers);
        json.WriteEndObject();

        json.WriteStartObject("summary");
        json.WriteNumber("total", result.Findings.Count);
        json.WriteNumber("new", result.NewCount);
        json.WriteStartObject("bySeverity");
        foreach (var severity in new[] { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Info })
        {
            json.WriteNumber(severity.ToString(), result.CountOf(severity));
        }

        json.WriteEndObject();
        json.WriteStartArray("byRule");
        foreach (var rule in result.Rules)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", rule.RuleId);
            json.WriteString("ruleName", rule.RuleName);
            json.WriteString("severity", rule.Severity.ToString());
            json.WriteNumber("count", rule.Count);
            json.WriteNumber("new", rule.NewCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("findings");
        var written = 0;
        foreach (var f in result.Findings)
        {
            // Streamed: the writer's buffer goes to the stream every so many findings instead of growing with the report.
            if (++written % FlushEvery == 0)
            {
                json.Flush();
            }

            json.WriteStartObject();
            json.WriteString("key", f.Key);
            json.WriteString("ruleId", f.RuleId);
            json.WriteString("ruleName", f.RuleName);
            json.WriteString("severity", f.Severity.ToString());
            json.WriteBoolean("isNew", f.IsNew);
            WriteNullable(json, "customerTenantId", f.CustomerTenantId);
            WriteNullable(json, "customerName", f.CustomerName);
            WriteNullable(json, "relationshipId", f.RelationshipId);
            WriteNullable(json, "relationshipName", f.RelationshipName);
            WriteNullable(json, "inviteId", f.InviteId?.ToString("D"));
            WriteNullable(json, "endsAt", f.EndsAt);
            json.WriteString("message", f.Message);
            json.WriteString("recommendation", f.Recommendation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
