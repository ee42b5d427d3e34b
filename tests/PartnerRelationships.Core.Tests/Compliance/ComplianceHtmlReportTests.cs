using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Reports;

namespace PartnerRelationships.Core.Tests.Compliance;

public class ComplianceHtmlReportTests
{
    [Fact]
    public void All_text_is_HTML_encoded()
    {
        var result = ReportTestData.Result(
            ReportTestData.Finding("PR004", FindingSeverity.Error, "<script>alert('x')</script>", "Grants <b>GA</b> & more \"quoted\"",
                recommendation: "Fix <img src=x onerror=alert(1)>"));

        var html = ComplianceHtmlReport.ToHtml(result, "Report <for> \"Contoso\"");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>GA", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("Grants &lt;b&gt;GA&lt;/b&gt; &amp; more &quot;quoted&quot;", html);
        Assert.Contains("<title>Report &lt;for&gt; &quot;Contoso&quot;</title>", html);
    }

    [Fact]
    public void Is_self_contained()
    {
        var html = ComplianceHtmlReport.ToHtml(ReportTestData.Result(ReportTestData.Finding("PR001", FindingSeverity.Warning, "A", "m")));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("default-src 'none'", html);
        Assert.Contains("<meta name=\"viewport\"", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public void Has_summary_counts_then_new_findings_then_findings_grouped_by_severity()
    {
        var result = ReportTestData.Result(
            ReportTestData.Finding("PR001", FindingSeverity.Warning, "Old Warning Ltd", "old warning", isNew: false),
            ReportTestData.Finding("PR004", FindingSeverity.Error, "New Error Ltd", "new error"),
            ReportTestData.Finding("PR007", FindingSeverity.Info, "New Info Ltd", "new info"));

        var html = ComplianceHtmlReport.ToHtml(result);

        var summary = html.IndexOf("<h2>Summary</h2>", StringComparison.Ordinal);
        var byRule = html.IndexOf("<h2>By rule</h2>", StringComparison.Ordinal);
        var fresh = html.IndexOf("<h2>New since the last run</h2>", StringComparison.Ordinal);
        var errors = html.IndexOf("<h2>Error (1)</h2>", StringComparison.Ordinal);
        var warnings = html.IndexOf("<h2>Warning (1)</h2>", StringComparison.Ordinal);
        var infos = html.IndexOf("<h2>Info (1)</h2>", StringComparison.Ordinal);
        Assert.True(summary >= 0 && summary < byRule && byRule < fresh && fresh < errors && errors < warnings && warnings < infos,
            $"sections out of order: {summary} {byRule} {fresh} {errors} {warnings} {infos}");

        var newSection = html.Substring(fresh, errors - fresh);
        Assert.Contains("new error", newSection);
        Assert.Contains("new info", newSection);
        Assert.DoesNotContain("old warning", newSection);
        Assert.Contains("<td class=\"num\">1</td>", html.Substring(byRule, fresh - byRule));
        Assert.Contains("Switched off in the configuration: PR009", html);
        Assert.Contains("previous run 2025-02-28 02:00 UTC", html);
    }

    [Fact]
    public void Says_so_when_there_is_nothing_to_report()
    {
        var html = ComplianceHtmlReport.ToHtml(ReportTestData.Result());

        Assert.Contains("Nothing new since the last run.", html);
        Assert.Contains("<h2>Error (0)</h2>", html);
        Assert.Contains("No findings.", html);
    }
}
