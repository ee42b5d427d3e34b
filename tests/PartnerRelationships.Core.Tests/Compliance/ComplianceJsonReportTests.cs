using System.Text.Json;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Reports;

namespace PartnerRelationships.Core.Tests.Compliance;

public class ComplianceJsonReportTests
{
    [Fact]
    public void Has_the_documented_shape_and_property_names()
    {
        var finding = ReportTestData.Finding("PR004", FindingSeverity.Error, "Delta \"Bank\" <x>", "Grants GA.") with { InviteId = Guid.Parse("11111111-2222-4333-8444-555555555555") };
        var result = ReportTestData.Result(finding, ReportTestData.Finding("PR001", FindingSeverity.Warning, "Old", "m", isNew: false));

        using var doc = JsonDocument.Parse(ComplianceJsonReport.ToJson(result));
        var root = doc.RootElement;

        Assert.Equal(
            new[] { "schemaVersion", "startedAt", "completedAt", "previousRunAt", "runId", "scope", "minimumSeverity", "disabledRules", "coverage", "summary", "findings" },
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(42, root.GetProperty("runId").GetInt64());
        Assert.Equal(ReportTestData.Started, root.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal("Info", root.GetProperty("minimumSeverity").GetString());
        Assert.Equal(5, root.GetProperty("coverage").GetProperty("customers").GetInt32());

        var summary = root.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.GetProperty("new").GetInt32());
        Assert.Equal(1, summary.GetProperty("bySeverity").GetProperty("Error").GetInt32());
        Assert.Equal(0, summary.GetProperty("bySeverity").GetProperty("Info").GetInt32());
        var rule = summary.GetProperty("byRule")[0];
        Assert.Equal(new[] { "ruleId", "ruleName", "severity", "count", "new" }, rule.EnumerateObject().Select(p => p.Name));

        var first = root.GetProperty("findings")[0];
        Assert.Equal(
            new[] { "key", "ruleId", "ruleName", "severity", "isNew", "customerTenantId", "customerName", "relationshipId", "relationshipName", "inviteId", "endsAt", "message", "recommendation" },
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Error", first.GetProperty("severity").GetString());
        Assert.True(first.GetProperty("isNew").GetBoolean());
        Assert.Equal("Delta \"Bank\" <x>", first.GetProperty("customerName").GetString());
        Assert.Equal("11111111-2222-4333-8444-555555555555", first.GetProperty("inviteId").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("findings")[1].GetProperty("inviteId").ValueKind);
    }
}
