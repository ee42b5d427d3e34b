using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Reliability;

/// <summary>
/// A sandbox on a loopback port (real time, so other processes can reach it) and a seed store whose invites have work
/// for a sync: granular invites approved, declined or ended by the customer, granular invites whose create "crashed"
/// before the relationship was linked, and reseller invites accepted. Each run syncs its own copy of the seed store.
/// A sync only reads the services, so every copy converges to the same state.
/// </summary>
internal sealed class SyncScenario : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private int _copies;

    private SyncScenario(SandboxServer server) => Server = server;

    public SandboxServer Server { get; }

    public string SeedPath => _folder.File("seed.db");

    /// <summary>Times before this came from the services (activation, end) and must match; later ones are when a sync looked.</summary>
    public DateTimeOffset SeededAt { get; private set; }

    public static async Task<SyncScenario> StartAsync()
    {
        SqliteNativeLibrary.Initialize(null);
        var scenario = new SyncScenario(await TestSandbox.StartAsync(TimeProvider.System));
        await scenario.SeedAsync();
        return scenario;
    }

    /// <summary>A fresh copy of the seed store (the seed store is closed, so the file alone is the whole database).</summary>
    public string Copy()
    {
        var path = _folder.File($"run{Interlocked.Increment(ref _copies)}.db");
        File.Copy(SeedPath, path);
        return path;
    }

    public string[] SyncArguments(string path, bool barrier = false)
    {
        var arguments = new List<string> { "sync", "--path", path, "--sandbox", Server.BaseAddress.ToString() };
        if (barrier)
        {
            arguments.Add("--barrier");
        }

        return arguments.ToArray();
    }

    /// <summary>Everything a sync may change, per invite, in id order: a run that converged reads the same.</summary>
    public async Task<string> StateOfAsync(string path)
    {
        using var store = SqliteRelationshipStore.Open(path, TimeProvider.System);
        var lines = new List<string>();
        await foreach (var invite in store.QueryInvitesAsync(new InviteQuery()))
        {
            var history = await store.GetHistoryAsync(invite.Id);
            lines.Add($"{invite.Id} {invite.Kind} {invite.Status} rel={invite.RelationshipId} tenant={invite.CustomerTenantId} link={invite.Link} body={invite.Body.GetHashCode()} " +
                      string.Join(" | ", history.Select(h => $"{h.FromStatus}->{h.ToStatus}@{(h.At < SeededAt ? h.At.ToString("O") : "sync time")} {h.Detail}")));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    private async Task SeedAsync()
    {
        var state = Server.State;
        var config = new PartnerRelationshipsConfig
        {
            Partner = new PartnerSettings { TenantId = "6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c", MpnId = "1234567", Name = "Northwind IT" },
            Invites = new InviteSettings { Roles = new List<string> { "Directory Readers" }, Duration = "P365D", DisplayNamePrefix = "Crash " },
        };
        using var connection = new PartnerConnection(new StaticAccessTokenCredential("sandbox-token"), CloudEndpoints.Resolve(CloudEnvironment.Global, null, Server.BaseAddress), new RetrySettings());
        using var store = SqliteRelationshipStore.Open(SeedPath, TimeProvider.System);
        var granular = new GranularInviteService(config, store, connection.GraphGdap, TimeProvider.System);
        for (var i = 0; i < 30; i++)
        {
            var invite = (await granular.CreateAsync(new GranularInviteRequest { CustomerName = $"Granular {i}", CustomerEmail = $"admin@granular{i}.example" })).Invite;
            switch (i % 6)
            {
                case 0 or 1 or 2:
                    state.ApproveAndActivate(invite.RelationshipId!, Guid.NewGuid().ToString(), $"Granular {i}");
                    break;
                case 3:
                    state.ApproveAndActivate(invite.RelationshipId!, Guid.NewGuid().ToString(), $"Granular {i}");
                    state.TerminateFromCustomer(invite.RelationshipId!);
                    break;
                case 4:
                    state.RejectRelationship(invite.RelationshipId!);
                    break;
            }
        }

        // Recorded, then the process stopped before the relationship was linked: a sync finds them by name.
        for (var i = 0; i < 10; i++)
        {
            var name = $"Crash unlinked {i}";
            var now = DateTimeOffset.UtcNow;
            await store.AddInviteAsync(new ResellerInvite
            {
                Id = Guid.NewGuid(),
                Kind = InviteKind.GranularAdmin,
                CustomerName = $"Unlinked {i}",
                CustomerEmail = $"admin@unlinked{i}.example",
                Status = InviteStatus.Pending,
                CreatedAt = now,
                StatusChangedAt = now,
                Link = "",
                Subject = "Approve our admin relationship",
                Body = "Approve here: " + GranularInviteService.LinkNotYetKnown,
                RelationshipDisplayName = name,
            });
            var created = await connection.GraphGdap.CreateRelationshipAsync(new RelationshipSpec { DisplayName = name, Roles = new[] { PartnerRelationships.Core.Roles.RoleCatalog.DirectoryReaders }, Duration = TimeSpan.FromDays(30) });
            await connection.GraphGdap.LockForApprovalAsync(created.Id);
            if (i % 2 == 0)
            {
                state.ApproveAndActivate(created.Id, Guid.NewGuid().ToString(), $"Unlinked {i}");
            }
        }

        var reseller = new InviteService(config, store, TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            var request = new ResellerInviteRequest { CustomerName = $"Reseller customer {i}", CustomerEmail = $"admin@reseller{i}.example" };
            await reseller.RecordAsync(request, reseller.Prepare(request), CancellationToken.None);
            if (i % 4 != 3)
            {
                state.AcceptResellerLink($"Reseller customer {i}", Guid.NewGuid().ToString(), $"reseller{i}.example");
            }
        }

        SeededAt = DateTimeOffset.UtcNow;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
