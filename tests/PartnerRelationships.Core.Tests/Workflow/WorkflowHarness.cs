using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Sandbox;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Core.Tests.Workflow;

/// <summary>
/// An in-process sandbox on a fake clock, a real PartnerConnection to it (the partner admin's refresh token: App+User), and a real SQLite store
/// in a temp folder. Services use the sandbox clock, so advancing it moves both sides without sleeping.
/// </summary>
internal sealed class WorkflowHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _owned = new();

    private WorkflowHarness(SandboxServer server, FakeTimeProvider time, TempFolder folder, string refreshToken)
    {
        Server = server;
        Time = time;
        Folder = folder;
        Config = new PartnerRelationshipsConfig
        {
            Partner = new PartnerSettings { TenantId = "6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c", MpnId = "1234567", Name = "Northwind IT" },
            // The partner admin's refresh token (App+User): removing a reseller relationship and support contacts need a
            // signed-in user, and its access tokens renew on the sandbox clock however far a test moves it.
            Auth = new AuthSettings { Mode = AuthMode.RefreshToken, ClientId = "00000000-0000-0000-0000-00000000a11c", RefreshTokenVariable = "PR_REFRESH" },
            Invites = new InviteSettings { Roles = new List<string> { "Helpdesk Administrator", "Directory Readers" }, Duration = "P365D", DisplayNamePrefix = "NW " },
            Retry = new RetrySettings { MaxAttempts = 1 },
        };
        Connection = PartnerConnection.Create(Config, new EnvironmentSecretSource(_ => refreshToken), server.BaseAddress,
            new PartnerConnectionOptions { TimeProvider = server.Clock });
        StorePath = folder.File("store.db");
        Store = OpenStore();
    }

    public SandboxServer Server { get; }
    public FakeTimeProvider Time { get; }
    public TempFolder Folder { get; }
    public SandboxState State => Server.State;
    public TimeProvider Clock => Server.Clock;
    public PartnerRelationshipsConfig Config { get; }
    public PartnerConnection Connection { get; }
    public IGraphGdapClient GraphGdap => Connection.GraphGdap;
    public IPartnerCenterClient PartnerCenter => Connection.PartnerCenter;
    public string StorePath { get; }
    public SqliteRelationshipStore Store { get; }

    public static async Task<WorkflowHarness> StartAsync()
    {
        // Waits on this clock (a 202 operation's Retry-After) pass at once; the pipeline's timeouts are not waits.
        var retry = new RetrySettings();
        var time = TestClock.AutoAdvancing(Start, retry.AttemptTimeout, retry.TotalTimeout);
        var server = await TestSandbox.StartAsync(time, TestSandbox.NoLatency);
        server.State.SignInSettings = server.State.SignInSettings with
        {
            DeviceCodeIntervalSeconds = 0,
            DeviceCodeApproveAfterPolls = 0,
            RefreshTokenMaxInactive = TimeSpan.FromDays(3650), // tests jump years between calls
        };
        var consent = await RefreshTokenConsent.RunAsync(server.BaseAddress, "6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c", "00000000-0000-0000-0000-00000000a11c", null,
            "https://api.partnercenter.microsoft.com/.default", (_, _) => Task.CompletedTask, retry, server.Clock, null, default);
        return new WorkflowHarness(server, time, new TempFolder(), consent.RefreshToken);
    }

    /// <summary>Another store instance on the same file (a second process, as far as SQLite is concerned).</summary>
    public SqliteRelationshipStore OpenStore()
    {
        var store = SqliteRelationshipStore.Open(StorePath, Server.Clock);
        _owned.Add(store);
        return store;
    }

    public void Advance(TimeSpan by) => Server.Clock.Advance(by);

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await Server.DisposeAsync();
        Folder.Dispose();
    }
}
