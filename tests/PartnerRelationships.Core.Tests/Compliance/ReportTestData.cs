using PartnerRelationships.Core.Compliance;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>Hand-made results for the report tests, with hostile customer names.</summary>
internal static class ReportTestData
{
    public static readonly DateTimeOffset Started = new(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);

    public static Finding Finding(string ruleId, FindingSeverity severity, string customer, string message, bool isNew = true, string? recommendation = null,
        DateTimeOffset? endsAt = null, string? tenantId = null) => new()
    {
        RuleId = ruleId,
        RuleName = "Rule" + ruleId,
        Severity = severity,
        CustomerName = customer,
        CustomerTenantId = tenantId ?? "00000000-0000-4000-8000-000000000001",
        RelationshipId = "rel-1",
        RelationshipName = "GDAP " + customer,
        Message = message,
        Recommendation = recommendation ?? "Do the thing.",
        IsNew = isNew,
        EndsAt = endsAt,
        Key = ruleId + ":relationship/" + customer,
    };

    public static ComplianceResult Result(params Finding[] findings) => Result(null, findings);

    public static ComplianceResult Result(ComplianceTimeline? timeline, params Finding[] findings) => new(
        Started,
        Started + TimeSpan.FromMinutes(3),
        findings,
        findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key)
            .Select(g => new ComplianceRuleSummary(g.Key, g.First().RuleName, g.First().Severity, "Looks for " + g.Key, g.Count(), g.Count(f => f.IsNew)))
            .ToList(),
        FindingSeverity.Info,
        Started - TimeSpan.FromDays(1),
        42,
        "",
        new[] { "PR009" },
        new ComplianceCoverage(3, 4, 5),
        timeline);
}
