using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Tests.Resilience;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Reliability;

/// <summary>
/// An in-process sandbox with injected faults, a real <see cref="PartnerConnection"/> (client-secret sign-in, the one
/// Polly pipeline) and a real SQLite store, all on one auto-advancing clock: retries, Retry-After and latency cost no
/// real time. Enough attempts that a 30% fault rate is absorbed rather than surfaced.
/// </summary>
internal sealed class ReliabilityHarness : IAsyncDisposable
{
    public const string ClientSecret = SandboxConnection.ClientSecret;

    private ReliabilityHarness(SandboxServer server, TestClock clock, TempFolder folder, PartnerRelationshipsConfig config, PartnerConnection connection, RecordingObserver observer)
    {
        Server = server;
        Clock = clock;
        Folder = folder;
        Config = config;
        Connection = connection;
        Observer = observer;
        StorePath = folder.File("store.db");
        Store = SqliteRelationshipStore.Open(StorePath, server.Clock);
    }

    public SandboxServer Server { get; }
    public TestClock Clock { get; }
    public TempFolder Folder { get; }
    public PartnerRelationshipsConfig Config { get; }
    public PartnerConnection Connection { get; }
    public RecordingObserver Observer { get; }
    public string StorePath { get; }
    public SqliteRelationshipStore Store { get; }

    /// <summary>Time as both sides see it: the sandbox clock over the auto-advancing one.</summary>
    public TimeProvider Time => Server.Clock;

    public static RetrySettings SoakRetry() => new()
    {
        // A create fails about half its attempts here (faults, then lost responses); 0.5^16 keeps every call alive.
        MaxAttempts = 16,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromMinutes(30),
        BreakerMinimumThroughput = 100,
    };

    public static async Task<ReliabilityHarness> StartAsync(FaultSettings faults, RetrySettings? retry = null, int customers = 0)
    {
        SqliteNativeLibrary.Initialize(null);
        retry ??= SoakRetry();
        var clock = TestClock.AutoAdvancing(retry.AttemptTimeout, retry.TotalTimeout);
        var server = await TestSandbox.StartAsync(clock, configure: o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider,
            Delay = o.Delay, // latency is a wait on the clock, skipped at once
            Faults = faults,
            SeedCustomers = customers,
            PartnerTenantId = SandboxConnection.PartnerTenantId,
        });

        var config = new PartnerRelationshipsConfig
        {
            Partner = new PartnerSettings { TenantId = SandboxConnection.PartnerTenantId, MpnId = "1234567", Name = "Northwind IT" },
            Auth = new AuthSettings { Mode = AuthMode.ClientSecret, ClientId = SandboxConnection.ClientId, ClientSecretVariable = "PR_SOAK_SECRET" },
            Invites = new InviteSettings { Roles = new List<string> { "Helpdesk Administrator", "Directory Readers" }, Duration = "P365D", DisplayNamePrefix = "Soak " },
            Retry = retry,
        };
        var secrets = new EnvironmentSecretSource(name => name == "PR_SOAK_SECRET" ? ClientSecret : null);
        var connection = PartnerConnection.Create(config, secrets, server.BaseAddress, new PartnerConnectionOptions { TimeProvider = clock });
        var observer = new RecordingObserver { TraceBodies = false };
        connection.Observer = observer;
        return new ReliabilityHarness(server, clock, new TempFolder(), config, connection, observer);
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        Store.Dispose();
        await Server.DisposeAsync();
        Folder.Dispose();
    }
}
