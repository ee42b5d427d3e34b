using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox;
using SandboxStatus = PartnerRelationships.Sandbox.State.RelationshipStatus;

namespace PartnerRelationships.Core.Tests.Reliability;

/// <summary>
/// 2,000 everyday operations against a sandbox that fails about 30% of calls in every way it can (500/503, dropped
/// connections, creates whose response is lost, throttling with Retry-After, latency), through the real connection and
/// pipeline: nothing is lost, nothing is created twice, and the store and the service agree at the end.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class FaultSoakTests
{
    private const int Operations = 2_000;
    private static readonly string[] Groups = { "0b7f8d35-3a1e-4c8e-9d0a-5e2b7c1f4a60", "5d0c6a21-7e4b-4f1a-8c3d-2b9e0f6a7c18" };

    public static FaultSettings SoakFaults(int seed) => new()
    {
        ServerErrorProbability = 0.15,
        DropProbability = 0.15,
        LostCreateProbability = 0.2,
        ThrottleRequestsPerSecond = 2,
        LatencyMilliseconds = 20,
        Seed = seed,
    };

    [Fact]
    public async Task Two_thousand_operations_under_30_percent_faults_lose_and_double_nothing()
    {
        await using var h = await ReliabilityHarness.StartAsync(SoakFaults(seed: 11));
        var random = new Random(2026);
        var granular = new GranularInviteService(h.Config, h.Store, h.Connection.GraphGdap, h.Time);
        var sync = new InviteSyncService(h.Store, h.Connection.GraphGdap, h.Connection.PartnerCenter, h.Time);
        var directory = new CustomerDirectory(h.Connection.GraphGdap, h.Connection.PartnerCenter);
        var counts = new Dictionary<string, int>();
        var created = 0;

        for (var op = 0; op < Operations; op++)
        {
            var roll = random.NextDouble();
            string kind;
            if (roll < 0.25 || created == 0)
            {
                kind = "create";
                created++;
                var result = await granular.CreateAsync(new GranularInviteRequest { CustomerName = $"Soak customer {created}", CustomerEmail = $"admin{created}@soak{created}.example" });
                Assert.False(string.IsNullOrEmpty(result.Invite.RelationshipId));
            }
            else if (roll < 0.55)
            {
                kind = Approve(h, random) ? "approve" : "approve (none waiting)";
            }
            else if (roll < 0.95)
            {
                kind = await SetAccessAsync(h, random) ? "assign" : "assign (none active)";
            }
            else if (roll < 0.975)
            {
                kind = "sync";
                await foreach (var _ in sync.SyncAsync())
                {
                }
            }
            else
            {
                kind = "list";
                var listed = new List<PartnerCustomer>();
                await foreach (var c in directory.ListAsync())
                {
                    listed.Add(c);
                }

                Assert.Equal(TenantsAtSandbox(h).Count, listed.Select(c => c.TenantId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            }

            counts[kind] = counts.TryGetValue(kind, out var n) ? n + 1 : 1;
        }

        // Catch up with approvals since the last sync (still under faults), then the proof: a further sync finds nothing.
        await foreach (var _ in sync.SyncAsync())
        {
        }

        var lastSync = new List<InviteTransition>();
        await foreach (var t in sync.SyncAsync())
        {
            lastSync.Add(t);
        }

        Assert.Empty(lastSync);

        // The faults really happened, in every kind.
        var attempts = h.Observer.Attempts.ToList();
        var faulted = attempts.Count(a => a.StatusCode is null or 429 or >= 500);
        Assert.True(faulted >= 0.25 * attempts.Count, $"only {faulted} of {attempts.Count} attempts were faulted");
        Assert.Contains(attempts, a => a.StatusCode == 429);
        Assert.Contains(attempts, a => a.StatusCode == 500);
        Assert.Contains(attempts, a => a.StatusCode == 503);
        Assert.Contains(attempts, a => a.StatusCode is null && a.Method == "POST");
        Assert.True(counts.GetValueOrDefault("approve") > 400 && counts.GetValueOrDefault("assign") > 500 && counts.GetValueOrDefault("sync") > 30 && counts.GetValueOrDefault("list") > 30,
            string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));

        // Nothing lost, nothing doubled: one relationship per invite, one invite per relationship, names unique.
        var invites = await h.Store.QueryInvitesAsync(new InviteQuery()).ToListAsync();
        var relationships = h.Server.State.Relationships;
        Assert.Equal(created, invites.Count);
        Assert.Equal(created, relationships.Count);
        Assert.Equal(created, relationships.Select(r => r.DisplayName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(relationships.Select(r => r.Id).OrderBy(id => id), invites.Select(i => i.RelationshipId!).OrderBy(id => id));
        var byId = relationships.ToDictionary(r => r.Id);
        foreach (var invite in invites)
        {
            var relationship = byId[invite.RelationshipId!];
            Assert.Equal(relationship.DisplayName, invite.RelationshipDisplayName);
            Assert.Contains(invite.RelationshipId!, invite.Body);
            // Store and service agree on every invite.
            var expected = relationship.Status == SandboxStatus.Active ? InviteStatus.Accepted : InviteStatus.Pending;
            Assert.Equal(expected, invite.Status);
            Assert.Equal(expected == InviteStatus.Accepted ? 2 : 1, (await h.Store.GetHistoryAsync(invite.Id)).Count);
            // At most one access assignment per group, even when a create's response was lost.
            Assert.Equal(relationship.AccessAssignmentSnapshot.Count, relationship.AccessAssignmentSnapshot.Select(a => a.AccessContainerId).Distinct().Count());
        }
    }

    private static bool Approve(ReliabilityHarness h, Random random)
    {
        var waiting = h.Server.State.Relationships.Where(r => r.Status == SandboxStatus.ApprovalPending).ToList();
        if (waiting.Count == 0)
        {
            return false;
        }

        var chosen = waiting[random.Next(waiting.Count)];
        h.Server.State.ApproveAndActivate(chosen.Id, TenantFor(chosen.DisplayName), chosen.DisplayName.Replace("Soak ", ""));
        return true;
    }

    private static async Task<bool> SetAccessAsync(ReliabilityHarness h, Random random)
    {
        var active = h.Server.State.Relationships.Where(r => r.Status == SandboxStatus.Active).ToList();
        if (active.Count == 0)
        {
            return false;
        }

        var chosen = active[random.Next(active.Count)];
        var roles = random.Next(2) == 0
            ? new[] { RoleCatalog.HelpdeskAdministrator }
            : new[] { RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders };
        var group = Groups[random.Next(Groups.Length)];
        var assignment = await h.Connection.GraphGdap.CreateOrUpdateAccessAssignmentAsync(chosen.Id, new AccessAssignmentSpec(group, roles));
        Assert.Equal(roles.OrderBy(r => r), assignment.Roles.OrderBy(r => r));
        return true;
    }

    /// <summary>A stable tenant per relationship, so a customer approving is the same tenant every time.</summary>
    private static string TenantFor(string displayName)
    {
        var bytes = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(displayName));
        return new Guid(bytes).ToString();
    }

    private static HashSet<string> TenantsAtSandbox(ReliabilityHarness h)
    {
        var tenants = new HashSet<string>(h.Server.State.Customers.Select(c => c.TenantId), StringComparer.OrdinalIgnoreCase);
        tenants.UnionWith(h.Server.State.Relationships.Where(r => r.CustomerTenantId is not null).Select(r => r.CustomerTenantId!));
        return tenants;
    }
}
