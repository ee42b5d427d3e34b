using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Tests.Resilience;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Integration;

/// <summary>
/// An in-process sandbox and a real <see cref="PartnerConnection"/> to it over loopback HTTP (client-secret sign-in
/// at the sandbox's token endpoint), sharing one auto-advancing clock.
/// </summary>
public sealed class SandboxConnection : IAsyncDisposable
{
    public const string ClientId = "00000000-0000-0000-0000-00000000a11c";
    public const string ClientSecret = "sandbox-secret";
    public const string PartnerTenantId = "6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c";

    private SandboxConnection(SandboxServer server, PartnerConnection connection, TestClock clock, RecordingObserver observer, RetrySettings retry)
    {
        Server = server;
        Connection = connection;
        Clock = clock;
        Observer = observer;
        Retry = retry;
    }

    public SandboxServer Server { get; }
    public PartnerConnection Connection { get; }
    public TestClock Clock { get; }
    public RecordingObserver Observer { get; }
    public RetrySettings Retry { get; }

    /// <summary>Fast, distinct settings: timeouts no wait can be mistaken for, small backoff, 4 attempts.</summary>
    public static RetrySettings DefaultRetry() => new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(2),
        MaxDelay = TimeSpan.FromSeconds(16),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromMinutes(10),
        BreakerMinimumThroughput = 100,
    };

    public static async Task<SandboxConnection> StartAsync(FaultSettings? faults = null, int customers = 0, RetrySettings? retry = null)
    {
        retry ??= DefaultRetry();
        var clock = TestClock.AutoAdvancing(retry.AttemptTimeout, retry.TotalTimeout);
        var server = await TestSandbox.StartAsync(clock, configure: o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider,
            Delay = o.Delay, // latency is a wait on the clock, skipped at once
            Faults = faults ?? FaultSettings.None,
            SeedCustomers = customers,
            PartnerTenantId = PartnerTenantId,
        });

        var config = new PartnerRelationshipsConfig
        {
            Partner = new PartnerSettings { TenantId = PartnerTenantId },
            Auth = new AuthSettings { Mode = AuthMode.ClientSecret, ClientId = ClientId, ClientSecretVariable = "PR_SANDBOX_SECRET" },
            Retry = retry,
        };
        var secrets = new EnvironmentSecretSource(name => name == "PR_SANDBOX_SECRET" ? ClientSecret : null);
        var connection = PartnerConnection.Create(config, secrets, server.BaseAddress, new PartnerConnectionOptions
        {
            TimeProvider = clock,
            Random = () => 0.5, // Backoff is then exact: see Backoff().
        });
        var observer = new RecordingObserver();
        connection.Observer = observer;
        return new SandboxConnection(server, connection, clock, observer, retry);
    }

    /// <summary>The backoff the pipeline asks for after the failed attempt <paramref name="retryIndex"/> (0-based).</summary>
    public TimeSpan Backoff(int retryIndex)
    {
        // Equal jitter with the random fixed at 0.5: 3/4 of the ceiling, never below the base delay.
        var ceiling = Math.Min(Retry.MaxDelay.Ticks, Retry.BaseDelay.Ticks * Math.Pow(2, retryIndex));
        return TimeSpan.FromTicks((long)Math.Max(ceiling * 0.75, Math.Min(Retry.BaseDelay.Ticks, ceiling)));
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Server.DisposeAsync();
    }
}
