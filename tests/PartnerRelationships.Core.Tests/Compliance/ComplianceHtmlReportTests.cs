using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Reports;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Compliance;

public class ComplianceHtmlReportTests
{
    private static int _tenants;

    /// <summary>A finding of its own customer (tenant), so the report groups it apart.</summary>
    private static Finding F(string ruleId, FindingSeverity severity, string customer, string message, bool isNew = true, DateTimeOffset? endsAt = null, string? recommendation = null) =>
        ReportTestData.Finding(ruleId, severity, customer, message, isNew, recommendation, endsAt,
            "00000000-0000-4000-8000-" + Interlocked.Increment(ref _tenants).ToString("D12"));

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var next = html.IndexOf("<h2 ", start + 1, StringComparison.Ordinal);
        return html.Substring(start, (next < 0 ? html.Length : next) - start);
    }

    private static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    [Fact]
    public void All_text_is_HTML_encoded()
    {
        var result = ReportTestData.Result(
            F("PR004", FindingSeverity.Error, "<script>alert('x')</script>", "Grants <b>GA</b> & more \"quoted\"",
                recommendation: "Fix <img src=x onerror=alert(1)>"));

        var html = ComplianceHtmlReport.ToHtml(result, "Report <for> \"Contoso\"");

        Assert.Equal(1, Count(html, "<script"));
        Assert.Contains("<script>(function () {", html);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>GA", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("data-name=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\"", html);
        Assert.Contains("Grants &lt;b&gt;GA&lt;/b&gt; &amp; more &quot;quoted&quot;", html);
        Assert.Contains("<title>Report &lt;for&gt; &quot;Contoso&quot;</title>", html);
    }

    [Fact]
    public void Is_self_contained_and_runs_only_its_own_script()
    {
        var html = ComplianceHtmlReport.ToHtml(ReportTestData.Result(F("PR001", FindingSeverity.Warning, "A", "m")));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("default-src 'none'", html);
        Assert.Contains("<meta name=\"viewport\"", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);

        // The policy allows the one inline script by its hash, so the hash must be of exactly what is on the page.
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'sha256-{hash}'", html);
        Assert.DoesNotContain("unsafe-inline'; script", html.Replace("style-src 'unsafe-inline'", ""));
        Assert.Contains("<div class=\"filters\" id=\"filters\" hidden>", html);
    }

    [Fact]
    public void Puts_the_news_first_then_customers_rules_timeline_findings_each_finding_once_and_no_keys()
    {
        var result = ReportTestData.Result(
            F("PR001", FindingSeverity.Warning, "Old Warning Ltd", "told once: old warning", isNew: false),
            F("PR004", FindingSeverity.Error, "New Error Ltd", "told once: new error"),
            F("PR007", FindingSeverity.Info, "New Info Ltd", "told once: new info"));

        var html = ComplianceHtmlReport.ToHtml(result);

        var order = new[] { "summary", "new", "customers", "rules", "timeline", "findings", "rule-index" }
            .Select(id => html.IndexOf($"<h2 id=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), "sections out of order: " + string.Join(" ", order));
        foreach (var id in new[] { "summary", "new", "customers", "rules", "timeline", "findings", "rule-index" })
        {
            Assert.Contains($"<a href=\"#{id}\">", html);
        }

        Assert.Contains("<div class=\"card news\" id=\"news-count\"><div class=\"n\">2</div>new since the last run", html);
        var news = Section(html, "new");
        Assert.Contains("New Error Ltd", news);
        Assert.Contains("New Info Ltd", news);
        Assert.DoesNotContain("Old Warning Ltd", news);

        // Each finding's text once; keys nowhere.
        Assert.Equal(1, Count(html, "told once: new error"));
        Assert.Equal(1, Count(html, "told once: old warning"));
        Assert.Equal(1, Count(html, "told once: new info"));
        Assert.DoesNotContain("PR004:relationship/", html);
        Assert.Contains("Switched off in the configuration: PR009", html);
        Assert.Contains("previous run 2025-02-28 02:00 UTC", html);
    }

    [Fact]
    public void Orders_customers_by_urgency_errors_then_what_ends_soonest_one_line_each()
    {
        var soon = ReportTestData.Started.AddDays(3);
        var later = ReportTestData.Started.AddDays(40);
        var result = ReportTestData.Result(
            F("PR002", FindingSeverity.Warning, "Later Ltd", "ends later", endsAt: later),
            F("PR001", FindingSeverity.Warning, "No End Ltd", "no end"),
            F("PR002", FindingSeverity.Warning, "Soon Ltd", "ends soon", endsAt: soon),
            F("PR004", FindingSeverity.Error, "Error Ltd", "an error", endsAt: later));

        var table = Section(ComplianceHtmlReport.ToHtml(result), "customers");

        var names = Regex.Matches(table, "<tr><td><a href=\"#c\\d+\">([^<]+)</a>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "Error Ltd", "Soon Ltd", "Later Ltd", "No End Ltd" }, names);
        Assert.Contains(soon.ToString("yyyy-MM-dd"), table);
    }

    [Fact]
    public void The_rule_table_links_to_each_rule_s_customers()
    {
        var result = ReportTestData.Result(
            F("PR004", FindingSeverity.Error, "Alpha", "a"),
            F("PR004", FindingSeverity.Error, "Bravo", "b"));

        var html = ComplianceHtmlReport.ToHtml(result);

        Assert.Contains("<a href=\"#rule-PR004\" data-rule=\"PR004\">", Section(html, "rules"));
        var index = Section(html, "rule-index");
        Assert.Contains("<h3 id=\"rule-PR004\">", index);
        Assert.Matches("<a href=\"#c\\d+\">Alpha</a>, <a href=\"#c\\d+\">Bravo</a>", index);
    }

    [Fact]
    public void Counts_many_Info_findings_and_details_only_the_most_urgent_customers()
    {
        var findings = Enumerable.Range(0, ComplianceHtmlReport.MaxDetailedInfo + 1)
            .Select(i => F("PR007", FindingSeverity.Info, $"Info {i}", $"info message {i}"))
            .Concat(Enumerable.Range(0, ComplianceHtmlReport.MaxCustomers + 5)
                .Select(i => F("PR001", FindingSeverity.Warning, $"Warned {i:D4}", $"warning message {i}", endsAt: ReportTestData.Started.AddDays(i))))
            .ToArray();

        var html = ComplianceHtmlReport.ToHtml(ReportTestData.Result(findings));

        Assert.DoesNotContain("info message", html);
        Assert.Contains("<td class=\"num\">101</td>", Section(html, "info"));
        Assert.Equal(ComplianceHtmlReport.MaxCustomers, Count(html, "<section class=\"customer"));
        Assert.Contains("warning message 0<", html);
        Assert.DoesNotContain($"warning message {ComplianceHtmlReport.MaxCustomers + 4}<", html);
        Assert.Contains("5 more customers with 5 findings are in the JSON/CSV report", html);
    }

    [Fact]
    public void Draws_the_end_date_timeline_with_and_without_auto_extend()
    {
        var now = ReportTestData.Started;
        ComplianceRelationship Active(int days, bool autoExtend) => new()
        {
            Id = Guid.NewGuid().ToString(), DisplayName = "r", Status = RelationshipStatus.Active, EndDateTime = now.AddDays(days),
            AutoExtendDuration = autoExtend ? TimeSpan.FromDays(180) : TimeSpan.Zero,
        };
        var timeline = ComplianceTimeline.From(now, new[] { Active(1, false), Active(2, true), Active(3, false), Active(20, true), Active(95, false) });

        var html = ComplianceHtmlReport.ToHtml(ReportTestData.Result(timeline));

        var section = Section(html, "timeline");
        Assert.Contains("<svg class=\"timeline\"", section);
        Assert.Contains("<title>Week of 2025-03-01: 2 without auto-extend, 1 with auto-extend</title>", section);
        Assert.Contains("<tr><td>2025-03-15</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>", section);
        Assert.Equal(ComplianceTimeline.WeekCount, Count(section, "<tr><td>20"));
        Assert.Contains("4 in all", section);
    }

    [Fact]
    public void Says_so_when_there_is_nothing_to_report()
    {
        var html = ComplianceHtmlReport.ToHtml(ReportTestData.Result());

        Assert.Contains("Nothing new since the last run.", html);
        Assert.Contains("nothing new since the last run", html);
        Assert.Contains("No findings.", html);
        Assert.DoesNotContain("class=\"card news\"", html);
    }
}
