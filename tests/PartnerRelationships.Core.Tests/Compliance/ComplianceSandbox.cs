using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Sandbox;
using PartnerRelationships.Sandbox.Seeding;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>
/// An in-process sandbox and a SQLite store seeded with exactly one case per compliance rule (plus a clean customer),
/// and a connection to the sandbox. Time: a FakeTimeProvider under the sandbox clock; tests move the sandbox clock.
/// </summary>
internal sealed class ComplianceSandbox : IAsyncDisposable
{
    public const string GroupId = "0b7f8d35-3a1e-4c8e-9d0a-5e2b7c1f4a60";
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder;

    private ComplianceSandbox(SandboxServer server, TempFolder folder, SqliteRelationshipStore store, PartnerConnection connection)
    {
        _folder = folder;
        Server = server;
        Store = store;
        Connection = connection;
    }

    public SandboxServer Server { get; }
    public SqliteRelationshipStore Store { get; }
    public PartnerConnection Connection { get; }
    public ComplianceSettings Settings { get; } = new();
    public SandboxState State => Server.State;
    public TimeProvider Clock => Server.Clock;

    /// <summary>Finding keys by case name, filled in as the cases are seeded.</summary>
    public Dictionary<string, string> Expected { get; } = new();

    public Dictionary<string, string> TenantOf { get; } = new();

    public Dictionary<string, string> RelationshipOf { get; } = new();

    public Dictionary<string, Guid> InviteOf { get; } = new();

    public static async Task<ComplianceSandbox> StartAsync(bool seedCases = true)
    {
        var fake = new FakeTimeProvider(Start);
        var server = await TestSandbox.StartAsync(fake);
        var folder = new TempFolder();
        var store = SqliteRelationshipStore.Open(folder.File("store.db"), server.Clock);
        var connection = new PartnerConnection(
            new StaticAccessTokenCredential("sandbox-token"),
            CloudEndpoints.Resolve(CloudEnvironment.Global, null, server.BaseAddress),
            new RetrySettings(),
            new PartnerConnectionOptions { TimeProvider = fake });
        var sandbox = new ComplianceSandbox(server, folder, store, connection);
        if (seedCases)
        {
            await sandbox.SeedOneCasePerRuleAsync();
        }

        return sandbox;
    }

    public ComplianceChecker Checker(IReadOnlyList<IComplianceRule>? rules = null) =>
        new(Store, Store, Connection.GraphGdap, Connection.PartnerCenter, Settings, Clock, rules);

    public static string Tenant(int n) => $"00000000-0000-4000-8000-{n:D12}";

    private async Task SeedOneCasePerRuleAsync()
    {
        var readers = BuiltInRoles.DirectoryReaders;
        var seed = new SeedFile
        {
            Customers =
            {
                Customer(1, "Alpha Ltd", Relationship("GDAP Alpha", new[] { readers }, autoExtend: "P180D")),
                Customer(2, "Bravo Inc", Relationship("GDAP Bravo", new[] { readers }, duration: "P20D")),
                Customer(3, "Charlie Traders", Relationship("GDAP Charlie", new[] { readers })),
                Customer(4, "Delta Bank", Relationship("GDAP Delta", new[] { BuiltInRoles.GlobalAdministrator })),
                Customer(5, "Echo Travel", Relationship("GDAP Echo", new[] { readers })),
                Customer(6, "Foxtrot Foods", Relationship("GDAP Foxtrot", new[] { readers })),
                Customer(7, "Golf Hotels", Relationship("GDAP Golf", new[] { readers })),
                Customer(8, "Hotel Energy", Relationship("GDAP Hotel", new[] { readers })),
                Customer(9, "India Design",
                    Relationship("GDAP India Full", new[] { readers, BuiltInRoles.HelpdeskAdministrator }),
                    Relationship("GDAP India Readers", new[] { readers })),
            },
        };
        SandboxSeeder.Load(State, seed);

        foreach (var name in new[] { "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India Full", "India Readers" })
        {
            RelationshipOf[name] = State.FindRelationshipByDisplayName("GDAP " + name)!.Id;
        }

        // Everyone can use their relationship except Echo (PR005) and Charlie (about to end).
        foreach (var name in new[] { "Alpha", "Bravo", "Delta", "Foxtrot", "Golf", "Hotel", "India Full", "India Readers" })
        {
            var r = State.FindRelationship(RelationshipOf[name])!;
            State.CreateAccessAssignment(r.Id, GroupId, "securityGroup", r.RoleDefinitionIds);
        }

        State.CompletePendingWork();

        // PR006: the service failed to apply Foxtrot's assignment.
        var foxtrotAssignment = State.ListAccessAssignments(RelationshipOf["Foxtrot"]).Single();
        State.FailAccessAssignment(RelationshipOf["Foxtrot"], foxtrotAssignment.Id);

        // PR003: Charlie removed the partner's admin rights, which also ends GDAP.
        State.RemoveAdminRights(TenantOf["Charlie"]);

        // The store knows every live relationship except Golf's (PR007); Hotel's invite was never synced (PR008).
        foreach (var name in new[] { "Alpha", "Bravo", "Delta", "Echo", "Foxtrot", "Hotel", "India Full", "India Readers" })
        {
            var customer = name.Split(' ')[0];
            var invite = await Store.AddInviteAsync(new ResellerInvite
            {
                Id = Guid.NewGuid(),
                Kind = InviteKind.GranularAdmin,
                CustomerName = CustomerNames[customer],
                CustomerEmail = "admin@" + customer.ToLowerInvariant() + ".example",
                CustomerTenantId = TenantOf[customer],
                CreatedAt = Start - TimeSpan.FromDays(5),
                RelationshipId = RelationshipOf[name],
                RelationshipDisplayName = "GDAP " + name,
            });
            InviteOf[name] = invite.Id;
            if (name != "Hotel")
            {
                await Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, Start - TimeSpan.FromDays(4)));
            }
        }

        // PR001: a reseller invite Juliet has ignored for 20 days.
        var juliet = await Store.AddInviteAsync(new ResellerInvite
        {
            Id = Guid.NewGuid(),
            Kind = InviteKind.Reseller,
            CustomerName = "Juliet Coffee",
            CustomerEmail = "admin@juliet.example",
            CreatedAt = Start - TimeSpan.FromDays(20),
        });
        InviteOf["Juliet"] = juliet.Id;

        Expected["PR001"] = $"PR001:invite/{juliet.Id:D}";
        Expected["PR002"] = $"PR002:relationship/{RelationshipOf["Bravo"]}";
        Expected["PR003"] = $"PR003:customer/{TenantOf["Charlie"]}";
        Expected["PR004"] = $"PR004:relationship/{RelationshipOf["Delta"]}";
        Expected["PR005"] = $"PR005:relationship/{RelationshipOf["Echo"]}";
        Expected["PR006"] = $"PR006:assignment/{RelationshipOf["Foxtrot"]}/{foxtrotAssignment.Id}";
        Expected["PR007"] = $"PR007:relationship/{RelationshipOf["Golf"]}";
        Expected["PR008"] = $"PR008:invite/{InviteOf["Hotel"]:D}";
        Expected["PR009"] = $"PR009:relationship/{RelationshipOf["India Readers"]}";
    }

    private Dictionary<string, string> CustomerNames { get; } = new();

    private SeedCustomer Customer(int n, string name, params SeedRelationship[] relationships)
    {
        var shortName = name.Split(' ')[0];
        TenantOf[shortName] = Tenant(n);
        CustomerNames[shortName] = name;
        return new SeedCustomer { TenantId = Tenant(n), DisplayName = name, Relationships = relationships.ToList() };
    }

    private static SeedRelationship Relationship(string name, string[] roles, string duration = "P730D", string autoExtend = "PT0S") =>
        new() { DisplayName = name, Roles = roles.ToList(), Duration = duration, AutoExtendDuration = autoExtend };

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        Store.Dispose();
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
