using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Invites;

namespace PartnerRelationships.Core.Tests.Compliance;

public class ComplianceSnapshotCollectorTests
{
    [Fact]
    public async Task Access_assignments_are_fetched_for_active_relationships_only_and_never_more_than_the_limit_at_once()
    {
        var gateway = new SlowGateway(relationships: 200) { HoldUntilInFlight = 4 };
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), gateway, new NoCustomers(), new FakeTimeProvider(), maxConcurrency: 4);

        var snapshot = await collector.CollectAsync(CustomerScope.All, null, CancellationToken.None);

        Assert.Equal(200, snapshot.Relationships.Count);
        Assert.Equal(100, gateway.Fetches); // every other relationship is active
        Assert.Equal(4, gateway.MaxInFlight);
        Assert.All(snapshot.Relationships, r => Assert.Equal(r.IsActive, r.AccessAssignments is not null));
        Assert.All(snapshot.Relationships.Where(r => r.IsActive), r => Assert.Equal(r.Id + "-a", Assert.Single(r.AccessAssignments!).Id));
    }

    [Fact]
    public async Task Access_assignment_progress_names_a_total_only_once_it_is_known_and_it_never_changes()
    {
        var gateway = new SlowGateway(relationships: 400);
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), gateway, new NoCustomers(), new FakeTimeProvider(), maxConcurrency: 4);
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
        var gateway = new SlowGateway(relationships: 50) { FailOn = "rel-0010" };
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), gateway, new NoCustomers(), new FakeTimeProvider(), maxConcurrency: 3);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => collector.CollectAsync(CustomerScope.All, null, CancellationToken.None));

        Assert.Equal("ServiceUnavailable", ex.ErrorId);
    }

    [Fact]
    public async Task Customer_filter_skips_other_customers_but_remembers_every_relationship_id()
    {
        var gateway = new SlowGateway(relationships: 10);
        var collector = new ComplianceSnapshotCollector(new InMemoryRelationshipStore(), gateway, new NoCustomers(), new FakeTimeProvider());

        var snapshot = await collector.CollectAsync(new CustomerScope(new[] { "Customer 0003" }), null, CancellationToken.None);

        Assert.Equal("rel-0003", Assert.Single(snapshot.Relationships).Id);
        Assert.True(snapshot.ServiceHasRelationship("rel-0007"));
        Assert.Equal(0, gateway.Fetches);
    }

    /// <summary>Relationships rel-0000… (even ones active); assignment fetches yield and track how many run at once.</summary>
    private sealed class SlowGateway : IGraphGdapClient
    {
        private readonly int _count;
        private int _inFlight;
        private int _maxInFlight;
        private int _fetches;

        public SlowGateway(int relationships) => _count = relationships;

        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? FailOn { get; init; }

        /// <summary>The first fetches wait until this many are in flight, so the test sees the limit reached, not just not exceeded.</summary>
        public int HoldUntilInFlight { get; init; }
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);
        public int Fetches => Volatile.Read(ref _fetches);

        public async IAsyncEnumerable<DelegatedAdminRelationshipInfo> ListRelationshipsAsync(RelationshipFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
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
                    Roles = new[] { ComplianceRoles.GlobalAdministrator },
                };
            }
        }

        public async Task<IReadOnlyList<AccessAssignmentInfo>> ListAccessAssignmentsAsync(string relationshipId, CancellationToken cancellationToken = default)
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

                return new[] { new AccessAssignmentInfo { Id = relationshipId + "-a", RelationshipId = relationshipId, SecurityGroupId = "g", Status = "active" } };
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

        public Task<DelegatedAdminRelationshipInfo> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<DelegatedAdminRelationshipInfo> CreateRelationshipAsync(RelationshipSpec spec, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<RelationshipRequestInfo> LockForApprovalAsync(string relationshipId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<RelationshipRequestInfo> TerminateAsync(string relationshipId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task DeleteRelationshipAsync(string relationshipId, string etag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<DelegatedAdminRelationshipInfo> UpdateAutoExtendAsync(string relationshipId, TimeSpan autoExtendDuration, string etag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<AccessAssignmentInfo> CreateOrUpdateAccessAssignmentAsync(string relationshipId, AccessAssignmentSpec spec, string? etag = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public IAsyncEnumerable<DelegatedAdminCustomerInfo> ListDelegatedAdminCustomersAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public IAsyncEnumerable<ContractInfo> ListContractsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class NoCustomers : IPartnerCenterClient
    {
        public async IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public IAsyncEnumerable<PartnerCustomerInfo> SearchCustomersAsync(CustomerSearch search, int pageSize = 100, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<Uri> GetRelationshipRequestLinkAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<PartnerCustomerInfo> GetCustomerAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task RemoveResellerRelationshipAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<CustomerSubscriptionInfo>> ListSubscriptionsAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<SupportContactInfo?> GetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<SupportContactInfo> SetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, SupportContactInfo contact, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<CustomerResellerRelationshipInfo>> ListCustomerRelationshipsAsync(string customerTenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
