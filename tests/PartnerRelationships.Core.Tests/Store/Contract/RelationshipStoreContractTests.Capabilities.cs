using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>The optional capabilities every shipped store has: compliance runs and replacing a pending invite's draft.</summary>
public abstract partial class RelationshipStoreContractTests
{
    private static readonly DateTimeOffset RunStart = new(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private IComplianceRunStore Runs => Assert.IsAssignableFrom<IComplianceRunStore>(Store);

    [SkippableFact]
    public async Task A_run_round_trips_with_counts_and_keys()
    {
        var recorded = await Runs.AddComplianceRunAsync(
            new ComplianceRunRecord
            {
                StartedAt = RunStart,
                CompletedAt = RunStart.AddMinutes(2),
                Scope = "",
                Rules = new[] { "PR001", "PR004" },
                FindingCount = 3,
                Counts = new[] { new ComplianceRunCount("PR001", "Warning", 2), new ComplianceRunCount("PR004", "Error", 1) },
            },
            new[] { "PR001:invite/a", "PR001:invite/b", "PR004:relationship/c" });

        Assert.True(recorded.Id > 0);
        var latest = Assert.Single(await Runs.GetLatestComplianceRunsAsync("", 5));
        Assert.Equal(recorded.Id, latest.Id);
        Assert.Equal(RunStart, latest.StartedAt);
        Assert.Equal(RunStart.AddMinutes(2), latest.CompletedAt);
        Assert.Equal(new[] { "PR001", "PR004" }, latest.Rules);
        Assert.Equal(3, latest.FindingCount);
        Assert.Equal(new[] { new ComplianceRunCount("PR001", "Warning", 2), new ComplianceRunCount("PR004", "Error", 1) }, latest.Counts);
        Assert.Equal(
            new[] { "PR001:invite/a", "PR001:invite/b", "PR004:relationship/c" },
            (await Runs.GetComplianceRunFindingKeysAsync(recorded.Id)).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Empty(await Runs.GetLatestComplianceRunsAsync("customer=delta*", 5));
    }

    [SkippableFact]
    public async Task Only_the_latest_runs_of_a_scope_keep_their_keys()
    {
        var ids = new List<long>();
        for (var i = 0; i < ComplianceRunRetention.KeptKeySetsPerScope + 2; i++)
        {
            ids.Add((await AddRunAsync("", i, "PR001:invite/" + i)).Id);
        }

        var other = await AddRunAsync("customer=x", 99, "PR001:invite/other");

        Assert.Empty(await Runs.GetComplianceRunFindingKeysAsync(ids[0]));
        Assert.Empty(await Runs.GetComplianceRunFindingKeysAsync(ids[1]));
        Assert.Equal(new[] { "PR001:invite/2" }, await Runs.GetComplianceRunFindingKeysAsync(ids[2]));
        Assert.Equal(new[] { "PR001:invite/other" }, await Runs.GetComplianceRunFindingKeysAsync(other.Id));

        // Runs and counts stay for the record.
        Assert.Equal(ids.Count + 1, (await Runs.ListComplianceRunsAsync(100)).Count);
        var newestFirst = await Runs.GetLatestComplianceRunsAsync("", 3);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), newestFirst.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task A_pending_invite_s_draft_can_be_replaced_once_its_link_is_known()
    {
        var drafts = Assert.IsAssignableFrom<IInviteDraftStore>(Store);
        var invite = await Store.AddInviteAsync(TestInvites.New(kind: InviteKind.GranularAdmin));

        var updated = await drafts.SetDraftAsync(invite.Id, "https://example.test/approve/1", "New subject", "Body with https://example.test/approve/1");

        Assert.NotNull(updated);
        Assert.Equal("https://example.test/approve/1", updated!.Link);
        Assert.Equal("New subject", updated.Subject);
        Assert.Equal(invite.Version + 1, updated.Version);
        Assert.Equal(updated, await Store.GetInviteAsync(invite.Id));
    }

    [SkippableFact]
    public async Task A_draft_is_not_replaced_once_the_invite_left_pending()
    {
        var drafts = Assert.IsAssignableFrom<IInviteDraftStore>(Store);
        var invite = await Store.AddInviteAsync(TestInvites.New());
        await Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Cancelled, invite.CreatedAt.AddMinutes(1)));

        Assert.Null(await drafts.SetDraftAsync(invite.Id, "https://example.test/x", "s", "b https://example.test/x"));
        Assert.Equal(invite.Link, (await Store.GetInviteAsync(invite.Id))!.Link);
    }

    private Task<ComplianceRunRecord> AddRunAsync(string scope, int n, string key) => Runs.AddComplianceRunAsync(
        new ComplianceRunRecord { StartedAt = RunStart.AddDays(n), CompletedAt = RunStart.AddDays(n).AddMinutes(1), Scope = scope, Rules = new[] { "PR001" }, FindingCount = 1 },
        new[] { key });
}
