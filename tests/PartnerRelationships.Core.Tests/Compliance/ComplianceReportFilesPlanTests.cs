using System.Text.Json;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Reports;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Tests.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>-ReportPath / -ReportFormat: which files a run writes, and writing them.</summary>
public class ComplianceReportFilesPlanTests
{
    private static readonly DateTimeOffset RunTime = new(2025, 3, 1, 2, 3, 4, TimeSpan.Zero);
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "pr-plan");

    private static IReadOnlyList<ComplianceReportFile> Plan(string path, params ComplianceReportFormat[] formats) =>
        ComplianceReportFiles.Plan(new[] { path }, formats, RunTime, _ => false);

    [Theory]
    [InlineData("nightly.json", ComplianceReportFormat.Json)]
    [InlineData("nightly.CSV", ComplianceReportFormat.Csv)]
    [InlineData("nightly.html", ComplianceReportFormat.Html)]
    [InlineData("nightly.htm", ComplianceReportFormat.Html)]
    public void A_file_extension_picks_the_format(string name, ComplianceReportFormat expected)
    {
        var file = Assert.Single(Plan(Path.Combine(Root, name)));
        Assert.Equal(expected, file.Format);
        Assert.Equal(Path.Combine(Root, name), file.Path);
    }

    [Fact]
    public void Other_formats_are_written_beside_a_named_file()
    {
        var files = Plan(Path.Combine(Root, "nightly.html"), ComplianceReportFormat.Json, ComplianceReportFormat.Html);
        Assert.Equal(
            new[] { (ComplianceReportFormat.Html, Path.Combine(Root, "nightly.html")), (ComplianceReportFormat.Json, Path.Combine(Root, "nightly.json")) },
            files.Select(f => (f.Format, f.Path)));
    }

    [Fact]
    public void A_folder_gets_every_format_named_after_the_run_time()
    {
        var files = Plan(Path.Combine(Root, "reports"));
        Assert.Equal(ComplianceReportFiles.AllFormats, files.Select(f => f.Format));
        Assert.All(files, f => Assert.Equal(Path.Combine(Root, "reports"), Path.GetDirectoryName(f.Path)));
        Assert.Equal("compliance-report-20250301-020304.json", Path.GetFileName(files[0].Path));
        Assert.Equal("compliance-report-20250301-020304.html", Path.GetFileName(files[2].Path));
    }

    [Fact]
    public void A_folder_gets_only_the_formats_asked_for()
    {
        var files = Plan(Path.Combine(Root, "reports") + Path.DirectorySeparatorChar, ComplianceReportFormat.Html);
        Assert.Equal(ComplianceReportFormat.Html, Assert.Single(files).Format);
    }

    [Fact]
    public void An_existing_folder_with_a_dot_in_its_name_is_a_folder()
    {
        var folder = Path.Combine(Root, "reports.2025");
        var files = ComplianceReportFiles.Plan(new[] { folder }, new[] { ComplianceReportFormat.Csv }, RunTime, p => p == folder);
        Assert.Equal(Path.Combine(folder, "compliance-report-20250301-020304.csv"), Assert.Single(files).Path);
    }

    [Fact]
    public void An_unknown_extension_needs_exactly_one_format()
    {
        var ex = Assert.Throws<PartnerRelationshipsException>(() => Plan(Path.Combine(Root, "nightly.txt")));
        Assert.Equal("UnknownReportFormat", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Category);
        Assert.Contains(".json, .csv or .html", ex.Message);

        Assert.Throws<PartnerRelationshipsException>(() => Plan(Path.Combine(Root, "nightly.txt"), ComplianceReportFormat.Json, ComplianceReportFormat.Csv));

        var file = Assert.Single(Plan(Path.Combine(Root, "nightly.txt"), ComplianceReportFormat.Csv));
        Assert.Equal(ComplianceReportFormat.Csv, file.Format);
        Assert.Equal(Path.Combine(Root, "nightly.txt"), file.Path);
    }

    [Fact]
    public void The_same_file_named_twice_is_written_once()
    {
        var folder = Path.Combine(Root, "reports");
        var files = ComplianceReportFiles.Plan(
            new[] { folder, Path.Combine(folder, "compliance-report-20250301-020304.json") }, null, RunTime, _ => false);
        Assert.Equal(3, files.Count);
    }

    [Fact]
    public void Writes_every_planned_file_creating_the_folder_and_replacing_an_older_report()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "nested", "reports");
        var result = ReportTestData.Result(
            ReportTestData.Finding("PR004", FindingSeverity.Error, "Delta Bank", "Delta has Global Administrator."),
            ReportTestData.Finding("PR007", FindingSeverity.Info, "Golf Hotels", "Golf is unknown."));
        var files = ComplianceReportFiles.Plan(new[] { folder }, null, RunTime);
        Directory.CreateDirectory(folder);
        File.WriteAllText(files[0].Path, "old");

        ComplianceReportFiles.WriteAll(result, files, "Nightly check");

        using var json = JsonDocument.Parse(File.ReadAllBytes(files[0].Path));
        Assert.Equal(2, json.RootElement.GetProperty("findings").GetArrayLength());
        var csv = File.ReadAllBytes(files[1].Path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv.Take(3));
        Assert.Equal(3, File.ReadAllText(files[1].Path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("<title>Nightly check</title>", File.ReadAllText(files[2].Path));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void A_report_that_cannot_be_written_fails_with_ReportWriteFailed()
    {
        using var temp = new TempFolder();
        var blocker = temp.File("not-a-folder");
        File.WriteAllText(blocker, "a file where a folder should be");
        var file = new ComplianceReportFile(ComplianceReportFormat.Html, Path.Combine(blocker, "report.html"));

        var ex = Assert.Throws<PartnerRelationshipsException>(() => ComplianceReportFiles.Write(ReportTestData.Result(), file));

        Assert.Equal("ReportWriteFailed", ex.ErrorId);
        Assert.Equal(ErrorKind.WriteError, ex.Category);
        Assert.Contains("report.html", ex.Message);
    }

    [Fact]
    public void RequireWritable_refuses_a_path_under_a_file_before_anything_is_checked()
    {
        using var temp = new TempFolder();
        var blocker = temp.File("not-a-folder");
        File.WriteAllText(blocker, "a file where a folder should be");
        var files = new[] { new ComplianceReportFile(ComplianceReportFormat.Json, Path.Combine(blocker, "sub", "report.json")) };

        var ex = Assert.Throws<PartnerRelationshipsException>(() => ComplianceReportFiles.RequireWritable(files));

        Assert.Equal("ReportWriteFailed", ex.ErrorId);
        Assert.Equal(ErrorKind.WriteError, ex.Category);
        Assert.Contains("is a file, not a folder", ex.Message);
        Assert.Contains("Nothing was checked", ex.Message);
    }

    [SkippableFact]
    public void RequireWritable_refuses_a_device_before_anything_is_checked()
    {
        Skip.If(OperatingSystem.IsWindows(), "/dev/null is a Unix device");
        var files = new[] { new ComplianceReportFile(ComplianceReportFormat.Json, "/dev/null") };

        var ex = Assert.Throws<PartnerRelationshipsException>(() => ComplianceReportFiles.RequireWritable(files));

        Assert.Equal("ReportWriteFailed", ex.ErrorId);
        Assert.Contains("device, pipe or other special file", ex.Message);
    }

    [Fact]
    public void RequireWritable_passes_a_new_folder_under_a_writable_one_and_leaves_nothing_behind()
    {
        using var temp = new TempFolder();
        var files = ComplianceReportFiles.Plan(new[] { Path.Combine(temp.Path, "nightly", "reports") + Path.DirectorySeparatorChar }, null, DateTimeOffset.UnixEpoch);

        ComplianceReportFiles.RequireWritable(files);

        Assert.False(Directory.Exists(Path.Combine(temp.Path, "nightly")));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
