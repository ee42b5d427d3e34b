using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Invites;
using PartnerRelationships.Core.Tests.Remote;

namespace PartnerRelationships.Core.Tests.Compliance;

public class ComplianceSnapshotCollectorTests
{
    [Fact]
    public async Task Access_assignments_are_fetched_for_active_relationships_only_and_never_more_than_the_limit_at_once()
    {
        var graphGdap = new SlowGraphGdap(relationships: 200) { HoldUntilInFlight = 4 };
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), graphGdap, new NoCustomers(), new FakeTimeProvider(), maxConcurrency: 4);

        var snapshot = await collector.CollectAsync(CustomerScope.All, null, CancellationToken.None);

        Assert.Equal(200, snapshot.Relationships.Count);
        Assert.Equal(100, graphGdap.Fetches); // every other relationship is active
        Assert.Equal(4, graphGdap.MaxInFlight);
        Assert.All(snapshot.Relationships, r => Assert.Equal(r.IsActive, r.AccessAssignments is not null));
        Assert.All(snapshot.Relationships.Where(r => r.IsActive), r => Assert.Equal(r.Id + "-a", Assert.Single(r.AccessAssignments!).Id));
    }

    [Fact]
    public async Task Access_assignment_progress_names_a_total_only_once_it_is_known_and_it_never_changes()
    {
        var graphGdap = new SlowGraphGdap(relationships: 400);
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), graphGdap, new NoCustomers(), new FakeTimeProvider(), maxConcurrency: 4);
        var progress = new RecordingProgress();

        await collector.CollectAsync(CustomerScope.All, progress, CancellationToken.None);

        var assignments = progress.Reports.Where(p => p.Phase == CompliancePhase.AccessAssignments).ToList();
        Assert.NotEmpty(assignments);
        Assert.All(assignments.Where(p => p.Total is not null), p => Assert.Equal(200, p.Total));
        Assert.All(assignments, p => Assert.DoesNotContain("so far", p.Activity));
        Assert.All(assignments.Where(p => p.Total is null), p => Assert.Contains("still listing relationships", p.Activity));
        Assert.Equal("Read access assignments of 200 active relationships", assignments.Last().Activity);
    }

    [Fact]
    public async Task A_failing_fetch_fails_the_collection_with_its_own_error()
    {
        var graphGdap = new SlowGraphGdap(relationships: 50) { FailOn = "rel-0010" };
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), graphGdap, new NoCustomers(), new FakeTimeProvider(), maxConcurrency: 3);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => collector.CollectAsync(CustomerScope.All, null, CancellationToken.None));

        Assert.Equal("ServiceUnavailable", ex.ErrorId);
    }

    [Fact]
    public async Task Customer_filter_skips_other_customers_but_remembers_every_relationship_id()
    {
        var graphGdap = new SlowGraphGdap(relationships: 10);
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), graphGdap, new NoCustomers(), new FakeTimeProvider());

        var snapshot = await collector.CollectAsync(new CustomerScope(new[] { "Customer 0003" }), null, CancellationToken.None);

        Assert.Equal("rel-0003", Assert.Single(snapshot.Relationships).Id);
        Assert.True(snapshot.ServiceHasRelationship("rel-0007"));
        Assert.Equal(0, graphGdap.Fetches);
    }

    [Fact]
    public async Task Relationships_and_assignments_with_the_same_roles_share_one_array_and_keep_their_roles()
    {
        var graphGdap = new SlowGraphGdap(relationships: 6) { RolesOf = i => i < 4 ? new[] { "role-a", "role-b" } : new[] { "role-b", "ROLE-A" } };
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), graphGdap, new NoCustomers(), new FakeTimeProvider());

        var snapshot = await collector.CollectAsync(CustomerScope.All, null, CancellationToken.None);

        var rs = snapshot.Relationships;
        Assert.Equal(new[] { "role-a", "role-b" }, rs[0].Roles);
        Assert.Same(rs[0].Roles, rs[3].Roles);
        Assert.Same(rs[0].Roles, rs[0].AccessAssignments![0].Roles);
        // Another order is another set (the rules print roles in the service's order), each id as the service wrote it.
        Assert.Equal(new[] { "role-b", "ROLE-A" }, rs[4].Roles);
        Assert.NotSame(rs[0].Roles, rs[4].Roles);
        Assert.Same(rs[4].Roles, rs[5].Roles);
    }

    [Fact]
    public async Task A_run_over_every_customer_answers_what_the_service_listed_from_the_lists_themselves()
    {
        var customers = new NoCustomers { Customers = new[] { "tenant-0001", "tenant-0002" } };
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), new SlowGraphGdap(relationships: 3), customers, new FakeTimeProvider());

        var all = await collector.CollectAsync(CustomerScope.All, null, CancellationToken.None);
        var one = await collector.CollectAsync(new CustomerScope(new[] { "Customer 0001" }), null, CancellationToken.None);

        foreach (var snapshot in new[] { all, one })
        {
            Assert.True(snapshot.ServiceHasRelationship("REL-0002"));
            Assert.False(snapshot.ServiceHasRelationship("rel-0003"));
            Assert.True(snapshot.ServiceHasCustomer("TENANT-0002"));
            Assert.False(snapshot.ServiceHasCustomer("tenant-0003"));
            Assert.Equal(2, snapshot.ServiceCustomerCount);
        }

        Assert.Equal(3, all.Relationships.Count);
        Assert.Equal("rel-0001", Assert.Single(one.Relationships).Id);
        Assert.Equal("tenant-0001", Assert.Single(one.Customers).TenantId);
    }

    [Fact]
    public async Task A_store_that_offers_summaries_is_read_through_them_with_the_same_result()
    {
        var inner = new InMemoryRelationshipStore();
        var added = await inner.AddInviteAsync(new ResellerInvite
        {
            Id = Guid.NewGuid(), Kind = InviteKind.GranularAdmin, CustomerName = "Customer 0002", CustomerTenantId = "tenant-0002",
            CreatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), StatusChangedAt = new DateTimeOffset(2025, 1, 3, 3, 4, 5, TimeSpan.Zero),
            Link = "https://example.invalid/long-link", Subject = "s", Body = "b", RelationshipId = "rel-0002", RelationshipDisplayName = "GDAP 2",
        });
        var viaSummaries = new SummaryOnlyStore(inner);

        var snapshot = await new ComplianceSnapshotCollector(viaSummaries, new SlowGraphGdap(relationships: 4), new NoCustomers(), new FakeTimeProvider())
            .CollectAsync(CustomerScope.All, null, CancellationToken.None);
        var full = await new ComplianceSnapshotCollector(inner, new SlowGraphGdap(relationships: 4), new NoCustomers(), new FakeTimeProvider())
            .CollectAsync(CustomerScope.All, null, CancellationToken.None);

        Assert.Equal(1, viaSummaries.SummaryReads);
        Assert.Equal(InviteSummary.From(added), Assert.Single(snapshot.Invites));
        Assert.Equal(full.Invites, snapshot.Invites);
        // The shared strings are the ones the Graph listing brought: one instance per value.
        Assert.Same(snapshot.FindRelationship("rel-0002")!.Id, snapshot.Invites[0].RelationshipId);
    }

    [Fact]
    public async Task The_store_and_the_customers_are_read_while_relationships_are_listed()
    {
        // The store's read finishes only once the relationship listing has begun, and the listing only once the
        // customers have been read: one source after another would never finish.
        var listingStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var customersRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new SummaryOnlyStore(new InMemoryRelationshipStore()) { Before = listingStarted.Task };
        var graphGdap = new SlowGraphGdap(relationships: 6) { OnListingStart = () => listingStarted.TrySetResult(), ListAfter = customersRead.Task };
        var customers = new NoCustomers { OnListed = () => customersRead.TrySetResult() };

        var snapshot = await new ComplianceSnapshotCollector(store, graphGdap, customers, new FakeTimeProvider())
            .CollectAsync(CustomerScope.All, null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(6, snapshot.Relationships.Count);
        Assert.Equal(1, store.SummaryReads);
    }

    [Fact]
    public async Task A_failing_store_read_fails_the_collection_with_its_own_error_and_stops_the_fetches()
    {
        var store = new SummaryOnlyStore(new InMemoryRelationshipStore()) { Failure = new PartnerRelationshipsException("StoreDamaged", ErrorKind.ReadError, "damaged") };
        var graphGdap = new SlowGraphGdap(relationships: 5_000);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() =>
            new ComplianceSnapshotCollector(store, graphGdap, new NoCustomers(), new FakeTimeProvider(), maxConcurrency: 2).CollectAsync(CustomerScope.All, null, CancellationToken.None));

        Assert.Equal("StoreDamaged", ex.ErrorId);
        Assert.True(graphGdap.Fetches < 2_500, $"{graphGdap.Fetches} fetches after the store failed");
    }

    /// <summary>A store read only through <see cref="IInviteSummaryReader"/>: the full query fails the test.</summary>
    private sealed class SummaryOnlyStore : IRelationshipStore, IInviteSummaryReader
    {
        private readonly InMemoryRelationshipStore _inner;
        private int _summaryReads;

        public SummaryOnlyStore(InMemoryRelationshipStore inner) => _inner = inner;

        public Task? Before { get; init; }
        public Exception? Failure { get; init; }
        public int SummaryReads => Volatile.Read(ref _summaryReads);

        public async IAsyncEnumerable<InviteSummary> ReadInviteSummariesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _summaryReads);
            if (Before is not null)
            {
                await Before.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            if (Failure is not null)
            {
                throw Failure;
            }

            foreach (var invite in _inner.Invites)
            {
                yield return InviteSummary.From(invite);
            }
        }

        public IAsyncEnumerable<ResellerInvite> QueryInvitesAsync(InviteQuery query, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The collector read full records from a store that offers summaries.");

        public Task<ResellerInvite> AddInviteAsync(ResellerInvite invite, CancellationToken cancellationToken = default) => _inner.AddInviteAsync(invite, cancellationToken);
        public Task<ResellerInvite?> GetInviteAsync(Guid id, CancellationToken cancellationToken = default) => _inner.GetInviteAsync(id, cancellationToken);
        public Task<ResellerInvite?> TryChangeStatusAsync(StatusChange change, CancellationToken cancellationToken = default) => _inner.TryChangeStatusAsync(change, cancellationToken);
        public Task<IReadOnlyList<ResellerInvite?>> TryChangeStatusesAsync(IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken = default) => _inner.TryChangeStatusesAsync(changes, cancellationToken);
        public Task<ResellerInvite?> SetRelationshipAsync(Guid inviteId, string relationshipId, string displayName, CancellationToken cancellationToken = default) => _inner.SetRelationshipAsync(inviteId, relationshipId, displayName, cancellationToken);
        public Task<IReadOnlyList<InviteHistoryEntry>> GetHistoryAsync(Guid inviteId, CancellationToken cancellationToken = default) => _inner.GetHistoryAsync(inviteId, cancellationToken);
        public void Dispose() => _inner.Dispose();
    }

    /// <summary>Relationships rel-0000… (even ones active); assignment fetches yield and track how many run at once.</summary>
    private sealed class SlowGraphGdap : UnsupportedGraphGdapClient
    {
        private readonly int _count;
        private int _inFlight;
        private int _maxInFlight;
        private int _fetches;

        public SlowGraphGdap(int relationships) => _count = relationships;

        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? FailOn { get; init; }

        /// <summary>The first fetches wait until this many are in flight, so the test sees the limit reached, not just not exceeded.</summary>
        public int HoldUntilInFlight { get; init; }
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);
        public int Fetches => Volatile.Read(ref _fetches);

        public Action? OnListingStart { get; init; }

        /// <summary>The roles of relationship i (and of its access assignment); Global Administrator when null.</summary>
        public Func<int, string[]>? RolesOf { get; init; }

        /// <summary>When set, the listing ends (after its items) only once this completes.</summary>
        public Task? ListAfter { get; init; }

        public override async IAsyncEnumerable<DelegatedAdminRelationshipInfo> ListRelationshipsAsync(RelationshipFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            OnListingStart?.Invoke();
            if (ListAfter is not null)
            {
                await ListAfter.WaitAsync(cancellationToken);
            }

            for (var i = 0; i < _count; i++)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return new DelegatedAdminRelationshipInfo
                {
                    Id = $"rel-{i:D4}",
                    DisplayName = $"GDAP {i}",
                    CustomerTenantId = $"tenant-{i:D4}",
                    CustomerName = $"Customer {i:D4}",
                    Status = i % 2 == 0 ? RelationshipStatus.Active : RelationshipStatus.Expired,
                    Roles = RolesOf?.Invoke(i) ?? new[] { ComplianceRoles.GlobalAdministrator },
                };
            }
        }

        public override async Task<IReadOnlyList<AccessAssignmentInfo>> ListAccessAssignmentsAsync(string relationshipId, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, now);
            Interlocked.Increment(ref _fetches);
            try
            {
                if (now >= HoldUntilInFlight)
                {
                    _released.TrySetResult();
                }

                await _released.Task.WaitAsync(cancellationToken);
                // Several real yields so overlapping fetches actually overlap, without sleeping.
                for (var i = 0; i < 20; i++)
                {
                    await Task.Yield();
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (relationshipId == FailOn)
                {
                    throw new PartnerRelationshipsException("ServiceUnavailable", ErrorKind.ResourceUnavailable, "down");
                }

                var roles = RolesOf?.Invoke(int.Parse(relationshipId.Substring("rel-".Length), System.Globalization.CultureInfo.InvariantCulture)) ?? Array.Empty<string>();
                return new[] { new AccessAssignmentInfo { Id = relationshipId + "-a", RelationshipId = relationshipId, SecurityGroupId = "g", Status = "active", Roles = roles } };
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>No customers unless given tenant ids (each named "Customer NNNN" after the id's number).</summary>
    private sealed class NoCustomers : UnsupportedPartnerCenterClient
    {
        public Action? OnListed { get; init; }

        public IReadOnlyList<string> Customers { get; init; } = Array.Empty<string>();

        public override async IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            foreach (var tenantId in Customers)
            {
                yield return new PartnerCustomerInfo(tenantId, "Customer " + tenantId.Substring("tenant-".Length), null, "reseller", true);
            }

            OnListed?.Invoke();
        }
    }
}
