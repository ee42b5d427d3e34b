using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PartnerRelationships.Core.Compliance.Alerts;

/// <summary>
/// The morning's news for a webhook: the summary and the new errors and warnings, only when there are any. The body
/// is a Microsoft Teams message with an Adaptive Card (what a Teams workflow "Post to a channel when a webhook request
/// is received" posts; shape per Microsoft Teams' "Create Incoming Webhooks" / "Send Adaptive Cards using an Incoming
/// Webhook" docs), and the same facts as plain data under <c>partnerRelationships</c> for any other endpoint taking JSON.
/// </summary>
public sealed class ComplianceAlert
{
    public const int SchemaVersion = 1;

    /// <summary>New findings listed in the card (the data part lists up to <see cref="MaxListedInData"/>).</summary>
    public const int MaxListedInCard = 15;

    public const int MaxListedInData = 200;

    private ComplianceAlert(ComplianceResult result, IReadOnlyList<Finding> fresh)
    {
        Result = result;
        NewFindings = fresh;
    }

    public ComplianceResult Result { get; }

    /// <summary>New errors and warnings, most urgent first.</summary>
    public IReadOnlyList<Finding> NewFindings { get; }

    public int NewErrors => NewFindings.Count(f => f.Severity == FindingSeverity.Error);

    public int NewWarnings => NewFindings.Count(f => f.Severity == FindingSeverity.Warning);

    /// <summary>The alert for a run, or null when no new error or warning appeared (new Info alone is not news worth a ping).</summary>
    public static ComplianceAlert? For(ComplianceResult result)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        var fresh = result.Findings.Where(f => f.IsNew && f.Severity >= FindingSeverity.Warning).ToList();
        return fresh.Count == 0 ? null : new ComplianceAlert(result, fresh);
    }

    public string Headline =>
        $"Partner compliance: {N(NewFindings.Count)} new ({N(NewErrors)} error{(NewErrors == 1 ? "" : "s")}, {N(NewWarnings)} warning{(NewWarnings == 1 ? "" : "s")})";

    public string SummaryText
    {
        get
        {
            var r = Result;
            return $"{N(r.Findings.Count)} finding(s) in all: {N(r.CountOf(FindingSeverity.Error))} error(s), {N(r.CountOf(FindingSeverity.Warning))} warning(s), " +
                   $"{N(r.CountOf(FindingSeverity.Info))} info; {N(r.NewCount)} new since " +
                   (r.PreviousRunAt is { } previous ? Time(previous) : "ever (first recorded run)") +
                   $". Checked {N(r.Coverage.Customers)} customers, {N(r.Coverage.Relationships)} relationships at {Time(r.CompletedAt)}.";
        }
    }

    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("summary", Headline);
            json.WriteStartArray("attachments");
            json.WriteStartObject();
            json.WriteString("contentType", "application/vnd.microsoft.card.adaptive");
            json.WriteNull("contentUrl");
            json.WritePropertyName("content");
            WriteCard(json);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WritePropertyName("partnerRelationships");
            WriteData(json);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private void WriteCard(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "AdaptiveCard");
        json.WriteString("version", "1.4");
        json.WriteStartArray("body");
        TextBlock(json, Headline, weight: "Bolder", size: "Medium", color: NewErrors > 0 ? "Attention" : "Warning");
        TextBlock(json, SummaryText);
        foreach (var f in NewFindings.Take(MaxListedInCard))
        {
            TextBlock(json, $"{f.Severity} {f.RuleId} · {f.CustomerName ?? f.CustomerTenantId ?? "(no customer)"}: {f.Message}",
                color: f.Severity == FindingSeverity.Error ? "Attention" : "Warning");
        }

        if (NewFindings.Count > MaxListedInCard)
        {
            TextBlock(json, $"And {N(NewFindings.Count - MaxListedInCard)} more new: see the report.", isSubtle: true);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void TextBlock(Utf8JsonWriter json, string text, string? weight = null, string? size = null, string? color = null, bool isSubtle = false)
    {
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        json.WriteString("text", text);
        json.WriteBoolean("wrap", true);
        if (weight is not null) json.WriteString("weight", weight);
        if (size is not null) json.WriteString("size", size);
        if (color is not null) json.WriteString("color", color);
        if (isSubtle) json.WriteBoolean("isSubtle", true);
        json.WriteEndObject();
    }

    private void WriteData(Utf8JsonWriter json)
    {
        var r = Result;
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("completedAt", r.CompletedAt);
        if (r.PreviousRunAt is { } previous) json.WriteString("previousRunAt", previous); else json.WriteNull("previousRunAt");
        json.WriteString("scope", r.Scope);
        json.WriteStartObject("summary");
        json.WriteNumber("total", r.Findings.Count);
        json.WriteNumber("new", r.NewCount);
        json.WriteNumber("error", r.CountOf(FindingSeverity.Error));
        json.WriteNumber("warning", r.CountOf(FindingSeverity.Warning));
        json.WriteNumber("info", r.CountOf(FindingSeverity.Info));
        json.WriteNumber("newError", NewErrors);
        json.WriteNumber("newWarning", NewWarnings);
        json.WriteNumber("customers", r.Coverage.Customers);
        json.WriteNumber("relationships", r.Coverage.Relationships);
        json.WriteEndObject();
        json.WriteStartArray("newFindings");
        foreach (var f in NewFindings.Take(MaxListedInData))
        {
            json.WriteStartObject();
            json.WriteString("severity", f.Severity.ToString());
            json.WriteString("ruleId", f.RuleId);
            json.WriteString("ruleName", f.RuleName);
            Nullable(json, "customerName", f.CustomerName);
            Nullable(json, "customerTenantId", f.CustomerTenantId);
            Nullable(json, "relationshipName", f.RelationshipName);
            if (f.EndsAt is { } end) json.WriteString("endsAt", end); else json.WriteNull("endsAt");
            json.WriteString("message", f.Message);
            json.WriteString("recommendation", f.Recommendation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("newFindingsLeftOut", Math.Max(0, NewFindings.Count - MaxListedInData));
        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
