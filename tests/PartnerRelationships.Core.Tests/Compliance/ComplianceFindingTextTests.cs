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

    [Fact]
    public async Task A_key_the_last_run_recorded_is_held_as_read_from_the_store_and_a_new_one_as_the_rule_made_it()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        await sandbox.Checker(new IComplianceRule[] { new RepeatingRule(("PR901:a", "Advice."), ("PR901:b", "Advice.")) }).RunAsync();
        var rule = new RepeatingRule(("PR901:a", "Advice."), ("PR901:c", "Advice."));

        var second = await sandbox.Checker(new IComplianceRule[] { rule }).RunAsync();

        var byKey = second.Findings.ToDictionary(f => f.Key);
        Assert.False(byKey["PR901:a"].IsNew);
        Assert.True(byKey["PR901:c"].IsNew);
        // One instance per key: the last run's (already held to tell what is new), not a second copy from the rule.
        Assert.NotSame(rule.Made["PR901:a"], byKey["PR901:a"].Key);
        Assert.Same(rule.Made["PR901:c"], byKey["PR901:c"].Key);
    }

    /// <summary>Yields the given findings, each recommendation a fresh string instance (as a rule's formatting makes it).</summary>
    private sealed class RepeatingRule : IComplianceRule
    {
        private readonly (string Key, string Recommendation)[] _findings;

        public RepeatingRule(params (string Key, string Recommendation)[] findings) => _findings = findings;

        /// <summary>The key instance of each finding made, by key.</summary>
        public Dictionary<string, string> Made { get; } = new();

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
                Key = Made[f.Key] = new string(f.Key.ToCharArray()),
                Message = "Message of " + f.Key,
                Recommendation = new string(f.Recommendation.ToCharArray()),
            });
    }
}
