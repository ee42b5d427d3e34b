using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Reports;

namespace PartnerRelationships.Core.Tests.Compliance;

public class ComplianceCsvReportTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_quoted_per_RFC_4180_and_never_start_a_formula(string? value, string expected)
    {
        Assert.Equal(expected, ComplianceCsvReport.Cell(value));
    }

    [Fact]
    public void One_header_and_one_CRLF_row_per_finding()
    {
        var result = ReportTestData.Result(
            ReportTestData.Finding("PR004", FindingSeverity.Error, "=cmd|' /C calc'!A0", "Grants, \"Global Administrator\"."),
            ReportTestData.Finding("PR001", FindingSeverity.Warning, "Plain Ltd", "Pending.", isNew: false));

        var csv = ComplianceCsvReport.ToCsv(result);

        var lines = csv.Split("\r\n");
        Assert.Equal(4, lines.Length); // header, two rows, and the empty string after the last CRLF
        Assert.Equal("", lines[3]);
        Assert.Equal(string.Join(",", ComplianceCsvReport.Columns), lines[0]);
        Assert.StartsWith("Error,PR004,RulePR004,True,'=cmd|' /C calc'!A0,00000000-0000-4000-8000-000000000001,GDAP =cmd", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"Grants, \"\"Global Administrator\"\".\",", lines[1]);
        Assert.StartsWith("Warning,PR001,RulePR001,False,Plain Ltd,", lines[2]);
    }

    [Fact]
    public void A_row_parses_back_to_the_same_fields()
    {
        var finding = ReportTestData.Finding("PR002", FindingSeverity.Warning, "Comma, \"Quote\" Ltd", "Line one\nline two");
        var csv = ComplianceCsvReport.ToCsv(ReportTestData.Result(finding));

        var rows = ParseRfc4180(csv);

        Assert.Equal(2, rows.Count);
        var row = rows[1];
        Assert.Equal(ComplianceCsvReport.Columns.Count, row.Count);
        Assert.Equal("Comma, \"Quote\" Ltd", row[4]);
        Assert.Equal("Line one\nline two", row[9]);
        Assert.Equal(finding.Key, row[11]);
    }

    /// <summary>A small strict RFC 4180 reader, so the test does not trust the writer's idea of quoting.</summary>
    private static List<List<string>> ParseRfc4180(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = new List<string>();
                i += 2;
            }
            else
            {
                field.Append(text[i++]);
            }
        }

        return rows;
    }
}
