using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Reliability;

/// <summary>
/// The nightly check and sync against a service that throttles (10, 20 and 50 requests a second, the README's
/// sandbox command) and fails 5% of calls with 500/503, through the real connection with the default retry settings
/// (the product's, not the soak suite's generous ones): every run completes. The clock here skips each wait as it is
/// armed, so concurrent waits add up and refill the throttle's bucket; the test that fails without the limiter and the
/// throttling-aware retry budget (rates kept as on a real clock) is Resilience/ThrottledServiceTests. How fast the
/// real runs go beside the floor (requests ÷ rate) is measured in bench/ (throttled).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ThrottledRunTests
{
    private const int Customers = 1_000;

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    public async Task Compliance_and_sync_over_a_throttled_service_with_5_percent_server_errors_complete(int rps)
    {
        await using var h = await ReliabilityHarness.StartAsync(FaultSettings.None, new RetrySettings(), customers: Customers);
        var invites = await SeedInvitesAsync(h);
        h.Server.Faults.Settings = new FaultSettings { ThrottleRequestsPerSecond = rps, ServerErrorProbability = 0.05, Seed = rps };

        var checker = new ComplianceChecker(h.Store, h.Store, h.Connection.GraphGdap, h.Connection.PartnerCenter, new ComplianceSettings(), h.Time);
        var result = await checker.RunAsync();

        var transitions = 0;
        await foreach (var _ in new InviteSyncService(h.Store, h.Connection.GraphGdap, h.Connection.PartnerCenter, h.Time).SyncAsync(new InviteSyncOptions { MaxConcurrency = 4 }))
        {
            transitions++;
        }

        // The runs did their whole work ...
        Assert.NotEmpty(result.Findings);
        Assert.True(transitions >= Customers * 9 / 10, $"sync recorded {transitions} transitions for {invites} invites");
        // ... under real throttling and real server errors, which were absorbed rather than surfaced.
        var attempts = h.Observer.Attempts.ToList();
        // (At 50/s the clock that skips every wait also refills the bucket during each 5xx backoff: little throttling is left.)
        Assert.True(rps >= 50 || attempts.Any(a => a.StatusCode == 429), "the service never throttled");
        Assert.Contains(attempts, a => a.StatusCode is 500 or 503);
        // Backing off kept the service from having to refuse most requests. (This holds without the limiter too, the
        // skipping clock refilling the bucket: the limiter's own test is Resilience/ThrottledServiceTests.)
        Assert.True(attempts.Count(a => a.StatusCode == 429) < attempts.Count / 4, $"{attempts.Count(a => a.StatusCode == 429)} of {attempts.Count} attempts were throttled");
    }

    /// <summary>One pending reseller invite per seeded customer (sync finds it accepted) and one granular invite per relationship with a customer.</summary>
    private static async Task<int> SeedInvitesAsync(ReliabilityHarness h)
    {
        var at = h.Time.GetUtcNow().AddDays(-20);
        var count = 0;
        foreach (var customer in h.Server.State.Customers)
        {
            await h.Store.AddInviteAsync(new ResellerInvite
            {
                Id = Guid.NewGuid(), Kind = InviteKind.Reseller, CustomerName = customer.CompanyName, CustomerEmail = "admin@" + customer.Domain,
                Status = InviteStatus.Pending, CreatedAt = at, StatusChangedAt = at,
                Link = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1234567",
                Subject = "Reseller relationship request", Body = "Please accept.",
            });
            count++;
        }

        foreach (var relationship in h.Server.State.Relationships.Where(r => r.CustomerTenantId is not null))
        {
            await h.Store.AddInviteAsync(new ResellerInvite
            {
                Id = Guid.NewGuid(), Kind = InviteKind.GranularAdmin, CustomerName = relationship.CustomerDisplayName ?? relationship.DisplayName,
                CustomerEmail = "admin@granular.example", CustomerTenantId = relationship.CustomerTenantId,
                Status = InviteStatus.Pending, CreatedAt = at, StatusChangedAt = at,
                Link = "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/" + relationship.Id,
                Subject = "Granular admin relationship request", Body = "Please approve.",
                RelationshipId = relationship.Id, RelationshipDisplayName = relationship.DisplayName,
            });
            count++;
        }

        return count;
    }
}
