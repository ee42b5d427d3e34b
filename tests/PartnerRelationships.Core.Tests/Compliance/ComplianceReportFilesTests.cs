using System.Text;
using System.Text.Json;
using PartnerRelationships.Core.Compliance.Reports;
using PartnerRelationships.Core.Tests.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>
/// The three reports from a real sandbox run. Set PR_COMPLIANCE_REPORT_DIR to keep the files (e.g. to open the HTML
/// in headless Chromium and look at a screenshot, which is a manual check).
/// </summary>
[Collection(SqliteCollection.Name)]
public class ComplianceReportFilesTests
{
    [Fact]
    public async Task A_sandbox_run_writes_consistent_JSON_CSV_and_HTML_reports()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        var checker = sandbox.Checker();
        await checker.RunAsync();
        sandbox.Server.Clock.Advance(TimeSpan.FromDays(1));
        sandbox.State.TerminateFromCustomer(sandbox.RelationshipOf["Alpha"]);
        var result = await checker.RunAsync();

        using var temp = new TempFolder();
        var folder = Environment.GetEnvironmentVariable("PR_COMPLIANCE_REPORT_DIR") is { Length: > 0 } keep ? keep : temp.Path;
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "compliance.json");
        var csv = Path.Combine(folder, "compliance.csv");
        var html = Path.Combine(folder, "compliance.html");
        using (var stream = File.Create(json))
        {
            ComplianceJsonReport.Write(result, stream);
        }

        using (var writer = new StreamWriter(csv, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            ComplianceCsvReport.Write(result, writer);
        }

        File.WriteAllText(html, ComplianceHtmlReport.ToHtml(result), new UTF8Encoding(false));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal(11, doc.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(2, doc.RootElement.GetProperty("summary").GetProperty("new").GetInt32());
        Assert.Equal(12, File.ReadAllText(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var page = File.ReadAllText(html);
        Assert.Contains("<div class=\"card Error\"><div class=\"n\">2</div>Errors", page);
        Assert.Contains("<div class=\"card Warning\"><div class=\"n\">7</div>Warnings", page);
        Assert.Contains("<div class=\"card Info\"><div class=\"n\">2</div>Info", page);
        Assert.Contains("Charlie Traders", page);
    }
}
