using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Tests.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>
/// A large partner's findings are held together until the reports are written; identical recommendation texts are
/// held once, and every finding's text stays what its rule wrote.
/// </summary>
[Collection(SqliteCollection.Name)]
public class ComplianceFindingTextTests
{
    [Fact]
    public async Task Identical_recommendations_are_held_once_and_every_text_is_kept()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        var rule = new RepeatingRule(
            ("PR901:a", "Same advice for this date."),
            ("PR901:b", "Same advice for this date."),
            ("PR901:c", "Other advice."),
            ("PR901:d", "Same advice for this date."));

        var result = await sandbox.Checker(new IComplianceRule[] { rule }).RunAsync();

        var byKey = result.Findings.ToDictionary(f => f.Key);
        Assert.Equal(4, byKey.Count);
        Assert.Equal("Same advice for this date.", byKey["PR901:a"].Recommendation);
        Assert.Equal("Other advice.", byKey["PR901:c"].Recommendation);
        Assert.Same(byKey["PR901:a"].Recommendation, byKey["PR901:b"].Recommendation);
        Assert.Same(byKey["PR901:a"].Recommendation, byKey["PR901:d"].Recommendation);
        Assert.All(result.Findings, f => Assert.Equal("Message of " + f.Key, f.Message));
        Assert.All(result.Findings, f => Assert.True(f.IsNew));
    }

    /// <summary>Yields the given findings, each recommendation a fresh string instance (as a rule's formatting makes it).</summary>
    private sealed class RepeatingRule : IComplianceRule
    {
        private readonly (string Key, string Recommendation)[] _findings;

        public RepeatingRule(params (string Key, string Recommendation)[] findings) => _findings = findings;

        public string Id => "PR901";
        public string Name => "Repeating";
        public FindingSeverity Severity => FindingSeverity.Warning;
        public string Description => "Findings with repeated recommendation texts.";

        public IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context) =>
            _findings.Select(f => new Finding
            {
                RuleId = Id,
                RuleName = Name,
                Severity = Severity,
                Key = f.Key,
                Message = "Message of " + f.Key,
                Recommendation = new string(f.Recommendation.ToCharArray()),
            });
    }
}
