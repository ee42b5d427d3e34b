using System.Diagnostics;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Reports;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>
/// The HTML report of a 100,000-customer partner, rendered by headless Chromium (Debian's chromium package) at the
/// widths people read it at; the content is checked in the DOM after the page's own script ran.
/// </summary>
public sealed class ComplianceHtmlReportRenderTests : IDisposable
{
    private const int Customers = 100_000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>40,000 warnings (one customer each, ending over the next months) and 60,000 Info findings.</summary>
    private static ComplianceResult LargePartner()
    {
        var now = ReportTestData.Started;
        var findings = new List<Finding>(Customers);
        var relationships = new List<ComplianceRelationship>();
        for (var i = 0; i < Customers; i++)
        {
            var tenant = $"00000000-0000-4000-8000-{i:D12}";
            var warning = i < 40_000;
            var ends = now.AddHours(1 + (i % 4000));
            findings.Add(ReportTestData.Finding(warning ? "PR002" : "PR007", warning ? FindingSeverity.Warning : FindingSeverity.Info,
                $"Customer {i:D6}", warning ? $"ends soon {i}" : $"unknown {i}", isNew: i % 1000 == 0, endsAt: warning ? ends : null, tenantId: tenant));
            if (i % 10 == 0)
            {
                relationships.Add(new ComplianceRelationship
                {
                    Id = "r" + i, DisplayName = "r" + i, Status = RelationshipStatus.Active, EndDateTime = ends,
                    AutoExtendDuration = i % 20 == 0 ? TimeSpan.FromDays(180) : TimeSpan.Zero,
                });
            }
        }

        var ordered = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.EndsAt ?? DateTimeOffset.MaxValue).ToArray();
        return ReportTestData.Result(ComplianceTimeline.From(now, relationships), ordered);
    }

    private static string? Chromium() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private string Run(string chromium, params string[] arguments)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + _folder.File("profile") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "chromium did not finish");
        return output;
    }

    [Fact]
    public void At_100000_customers_the_page_stays_small_and_counts_what_it_does_not_detail()
    {
        var html = ComplianceHtmlReport.ToHtml(LargePartner());

        Assert.True(html.Length < 1_000_000, $"the page is {html.Length:N0} characters");
        Assert.DoesNotContain("unknown 1", html);
        Assert.Contains("The 400 most urgent customers are shown; 39,600 more customers with 39,600 findings are in the JSON/CSV report.", html);
        Assert.Contains("<td class=\"num\">60,000</td>", html);
    }

    [SkippableFact]
    public void A_100000_customer_report_renders_at_1280_and_390_pixels_with_its_filters_working()
    {
        var chromium = Chromium();
        Skip.If(chromium is null, "Debian's chromium package is not installed (apt-get install -y chromium); the render check needs it.");
        var path = _folder.File("report.html");
        File.WriteAllText(path, ComplianceHtmlReport.ToHtml(LargePartner()));
        var uri = new Uri(path).AbsoluteUri;

        foreach (var width in new[] { 1280, 390 })
        {
            var png = _folder.File($"report-{width}.png");
            Run(chromium!, "--screenshot=" + png, $"--window-size={width},1600", uri);
            Assert.True(new FileInfo(png).Length > 20_000, $"no screenshot at {width} px");

            var dom = Run(chromium!, $"--window-size={width},1600", "--dump-dom", uri);
            Assert.Contains("<div class=\"card news\" id=\"news-count\"><div class=\"n\">100</div>new since the last run", dom);
            Assert.Contains("<div class=\"card Warning\"><div class=\"n\">40,000</div>Warnings", dom);
            Assert.Contains("<span id=\"filter-count\" class=\"meta\">400 shown</span>", dom);
            Assert.Contains("<div class=\"filters\" id=\"filters\">", dom);
            Assert.Contains("<tr><td><a href=\"#c1\">Customer 000000</a></td>", dom);
            Assert.Contains("<svg class=\"timeline\"", dom);
        }
    }
}
