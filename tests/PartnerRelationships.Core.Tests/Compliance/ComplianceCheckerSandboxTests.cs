using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Tests.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>The checker end to end: a seeded sandbox with one case per rule, and a SQLite store.</summary>
[Collection(SqliteCollection.Name)]
public class ComplianceCheckerSandboxTests
{
    [Fact]
    public async Task Finds_exactly_one_finding_per_rule_and_nothing_else()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();

        var result = await sandbox.Checker().RunAsync();

        Assert.Equal(sandbox.Expected.Values.OrderBy(k => k), result.Findings.Select(f => f.Key).OrderBy(k => k));
        Assert.All(result.Findings, f => Assert.True(f.IsNew));
        Assert.Null(result.PreviousRunAt);
        Assert.NotNull(result.RunId);
        Assert.Equal(9, result.Rules.Count);
        Assert.All(result.Rules, r => Assert.Equal(1, r.Count));
        Assert.Equal(2, result.CountOf(FindingSeverity.Error));
        Assert.Equal(5, result.CountOf(FindingSeverity.Warning));
        Assert.Equal(2, result.CountOf(FindingSeverity.Info));

        // Most severe first.
        Assert.Equal(result.Findings.OrderByDescending(f => f.Severity).Select(f => f.Key), result.Findings.Select(f => f.Key));
    }

    [Fact]
    public async Task Findings_name_the_customer_and_relationship_and_say_what_to_do()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();

        var result = await sandbox.Checker().RunAsync();

        var overPrivileged = result.Findings.Single(f => f.RuleId == "PR004");
        Assert.Equal(FindingSeverity.Error, overPrivileged.Severity);
        Assert.Equal("OverPrivilegedRelationship", overPrivileged.RuleName);
        Assert.Equal("Delta Bank", overPrivileged.CustomerName);
        Assert.Equal(ComplianceSandbox.Tenant(4), overPrivileged.CustomerTenantId);
        Assert.Equal("GDAP Delta", overPrivileged.RelationshipName);
        Assert.Contains("Global Administrator", overPrivileged.Message);

        var removed = result.Findings.Single(f => f.RuleId == "PR003");
        Assert.Equal("Charlie Traders", removed.CustomerName);
        Assert.Contains("Cloud Reseller Agreement", removed.Recommendation);
        Assert.Contains("Microsoft support", removed.Recommendation);
        Assert.Contains("on the customer's behalf", removed.Recommendation);

        var pending = result.Findings.Single(f => f.RuleId == "PR001");
        Assert.Equal(sandbox.InviteOf["Juliet"], pending.InviteId);
        Assert.Contains("20 days", pending.Message);

        var drift = result.Findings.Single(f => f.RuleId == "PR008");
        Assert.Contains("Pending", drift.Message);
        Assert.Contains("Active", drift.Message);
    }

    [Theory]
    [InlineData("PR004")]
    [InlineData("OverPrivilegedRelationship")]
    [InlineData("pr004")]
    public async Task A_rule_disabled_in_config_disappears(string disabled)
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        sandbox.Settings.DisabledRules.Add(disabled);

        var result = await sandbox.Checker().RunAsync();

        Assert.Equal(sandbox.Expected.Where(e => e.Key != "PR004").Select(e => e.Value).OrderBy(k => k), result.Findings.Select(f => f.Key).OrderBy(k => k));
        Assert.DoesNotContain(result.Rules, r => r.RuleId == "PR004");
        Assert.Equal(new[] { "PR004" }, result.DisabledRules);
    }

    [Fact]
    public async Task Minimum_severity_rule_and_customer_filters_narrow_the_findings()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        var checker = sandbox.Checker();

        var errors = await checker.RunAsync(new ComplianceCheckOptions { MinimumSeverity = FindingSeverity.Error });
        Assert.Equal(new[] { sandbox.Expected["PR004"], sandbox.Expected["PR006"] }, errors.Findings.Select(f => f.Key).OrderBy(k => k));

        var warningsUp = await checker.RunAsync(new ComplianceCheckOptions { MinimumSeverity = FindingSeverity.Warning });
        Assert.Equal(7, warningsUp.Findings.Count);
        Assert.DoesNotContain(warningsUp.Findings, f => f.Severity == FindingSeverity.Info);

        var byName = await checker.RunAsync(new ComplianceCheckOptions { Customers = new[] { "delta*" } });
        Assert.Equal(new[] { sandbox.Expected["PR004"] }, byName.Findings.Select(f => f.Key));

        var byTenant = await checker.RunAsync(new ComplianceCheckOptions { Customers = new[] { ComplianceSandbox.Tenant(6), "Golf Hotels" } });
        Assert.Equal(new[] { sandbox.Expected["PR006"], sandbox.Expected["PR007"] }, byTenant.Findings.Select(f => f.Key).OrderBy(k => k));

        var byRule = await checker.RunAsync(new ComplianceCheckOptions { Rules = new[] { "PR002", "RelationshipUnknownToStore" } });
        Assert.Equal(new[] { sandbox.Expected["PR002"], sandbox.Expected["PR007"] }, byRule.Findings.Select(f => f.Key).OrderBy(k => k));
        Assert.Equal(new[] { "PR002", "PR007" }, byRule.Rules.Select(r => r.RuleId));
    }

    [Fact]
    public async Task An_unknown_rule_fails_before_any_remote_call_with_a_suggestion()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync(seedCases: false);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() =>
            sandbox.Checker().RunAsync(new ComplianceCheckOptions { Rules = new[] { "PendingInviteTooLonng" } }));

        Assert.Equal("UnknownComplianceRule", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Category);
        Assert.Contains("Did you mean 'PendingInviteTooLong'?", ex.Message);
    }

    [Fact]
    public async Task New_since_last_run_is_exact_across_runs()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        var checker = sandbox.Checker();
        var first = await checker.RunAsync();
        Assert.Equal(9, first.NewCount);

        // A day later Alpha ends its relationship: Alpha is now a PR003 case, and the store (still "Accepted") contradicts the service.
        sandbox.Server.Clock.Advance(TimeSpan.FromDays(1));
        sandbox.State.TerminateFromCustomer(sandbox.RelationshipOf["Alpha"]);
        var second = await checker.RunAsync();

        var fresh = second.Findings.Where(f => f.IsNew).Select(f => f.Key).OrderBy(k => k).ToList();
        Assert.Equal(new[] { $"PR003:customer/{sandbox.TenantOf["Alpha"]}", $"PR008:invite/{sandbox.InviteOf["Alpha"]:D}" }, fresh);
        Assert.Equal(11, second.Findings.Count);
        Assert.Equal(first.CompletedAt, second.PreviousRunAt);
        Assert.Equal(2, second.NewCount);

        // A run narrowed by severity still records what it saw, and does not make the next full run forget the rest.
        var errorsOnly = await checker.RunAsync(new ComplianceCheckOptions { MinimumSeverity = FindingSeverity.Error });
        Assert.All(errorsOnly.Findings, f => Assert.False(f.IsNew));
        var third = await checker.RunAsync(new ComplianceCheckOptions { Rules = new[] { "PR001" } });
        var fourth = await checker.RunAsync();
        Assert.Equal(0, third.NewCount);
        Assert.Equal(0, fourth.NewCount);

        var runs = await sandbox.Store.ListComplianceRunsAsync(10);
        Assert.Equal(5, runs.Count);
        Assert.Equal(new[] { "PR001" }, runs[1].Rules);
        Assert.Equal(11, runs[0].FindingCount);
        Assert.Equal(2, runs[0].Counts.Single(c => c.RuleId == "PR003").Count);
    }

    [Fact]
    public async Task A_customer_filtered_run_is_compared_only_with_runs_over_the_same_customers()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        var checker = sandbox.Checker();
        await checker.RunAsync();

        var delta = await checker.RunAsync(new ComplianceCheckOptions { Customers = new[] { "Delta*" } });
        Assert.True(Assert.Single(delta.Findings).IsNew);
        Assert.Null(delta.PreviousRunAt);

        var again = await checker.RunAsync(new ComplianceCheckOptions { Customers = new[] { "DELTA*" } });
        Assert.False(Assert.Single(again.Findings).IsNew);
    }

    [Fact]
    public async Task FailOn_fails_a_run_with_findings_at_or_above_the_threshold()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        var checker = sandbox.Checker();

        var all = await checker.RunAsync();
        Assert.True(ComplianceFailOn.Fails(all, FindingSeverity.Error));
        Assert.True(ComplianceFailOn.Fails(all, FindingSeverity.Warning));
        var error = ComplianceFailOn.Evaluate(all, FindingSeverity.Error);
        Assert.NotNull(error);
        Assert.Equal("ComplianceCheckFailed", error!.ErrorId);
        Assert.Contains("2 finding(s)", error.Message);
        Assert.Contains("PR004 OverPrivilegedRelationship: 1", error.Message);
        Assert.Null(ComplianceFailOn.Evaluate(all, null));

        var infoOnly = await checker.RunAsync(new ComplianceCheckOptions { Customers = new[] { "Golf*" } });
        Assert.Single(infoOnly.Findings);
        Assert.False(ComplianceFailOn.Fails(infoOnly, FindingSeverity.Warning));
        Assert.Null(ComplianceFailOn.Evaluate(infoOnly, FindingSeverity.Warning));
        Assert.Null(ComplianceFailOn.Evaluate(infoOnly, FindingSeverity.Error));

        var warnings = await checker.RunAsync(new ComplianceCheckOptions { Customers = new[] { "Bravo*" } });
        Assert.False(ComplianceFailOn.Fails(warnings, FindingSeverity.Error));
        Assert.True(ComplianceFailOn.Fails(warnings, FindingSeverity.Warning));
    }

    [Fact]
    public async Task Progress_reports_every_phase()
    {
        await using var sandbox = await ComplianceSandbox.StartAsync();
        var progress = new RecordingProgress();

        await sandbox.Checker().RunAsync(progress: progress);

        // The store, the relationships and the customers are read at once, so their reports interleave; the rules
        // come after all of them, and recording last.
        var phases = progress.Reports.Select(p => p.Phase).Distinct().ToList();
        Assert.Equal(Enum.GetValues<PartnerRelationships.Core.Compliance.Snapshot.CompliancePhase>().OrderBy(p => p), phases.OrderBy(p => p));
        var firstRule = progress.Reports.ToList().FindIndex(p => p.Phase == PartnerRelationships.Core.Compliance.Snapshot.CompliancePhase.Rules);
        Assert.All(progress.Reports.Skip(firstRule), p => Assert.True(p.Phase >= PartnerRelationships.Core.Compliance.Snapshot.CompliancePhase.Rules, $"{p.Phase} after the rules began"));
        Assert.Equal(PartnerRelationships.Core.Compliance.Snapshot.CompliancePhase.Recording, progress.Reports.Last().Phase);
        var assignments = progress.Reports.Last(p => p.Phase == PartnerRelationships.Core.Compliance.Snapshot.CompliancePhase.AccessAssignments);
        Assert.Equal(9, assignments.Total); // the active relationships (Charlie's ended)
        Assert.Equal(100, progress.Reports.Last().PercentComplete);
    }
}
