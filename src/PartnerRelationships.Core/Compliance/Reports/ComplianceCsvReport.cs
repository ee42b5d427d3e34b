using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// One row per finding, RFC 4180 (CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled).
/// Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a leading
/// apostrophe, so a customer name can't smuggle a formula into the partner's spreadsheet.
/// </summary>
public static class ComplianceCsvReport
{
    public static IReadOnlyList<string> Columns { get; } = new[]
    {
        "Severity", "RuleId", "RuleName", "IsNew", "CustomerName", "CustomerTenantId", "RelationshipName", "RelationshipId",
        "InviteId", "Message", "Recommendation", "Key",
    };

    public static string ToCsv(ComplianceResult result)
    {
        using var writer = new StringWriter();
        Write(result, writer);
        return writer.ToString();
    }

    public static void Write(ComplianceResult result, TextWriter writer)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        WriteRow(writer, Columns);
        foreach (var f in result.Findings)
        {
            WriteRow(writer, new[]
            {
                f.Severity.ToString(), f.RuleId, f.RuleName, f.IsNew ? "True" : "False", f.CustomerName, f.CustomerTenantId,
                f.RelationshipName, f.RelationshipId, f.InviteId?.ToString("D"), f.Message, f.Recommendation, f.Key,
            });
        }
    }

    /// <summary>One cell, neutralised against formulas and quoted as RFC 4180 needs.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        if (text.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0)
        {
            return text;
        }

        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string?> cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Cell(cells[i]));
        }

        line.Append("\r\n");
        writer.Write(line.ToString());
    }
}
