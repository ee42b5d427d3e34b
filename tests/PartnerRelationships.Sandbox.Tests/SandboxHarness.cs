using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Tests;

/// <summary>
/// A sandbox on a fake clock, a Graph SDK client and a plain HTTP client pointed at it. Every test gets its own, so
/// tests run in parallel without seeing each other's state.
/// </summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    public const string Token = "sandbox-token";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private SandboxHarness(SandboxServer server, FakeTimeProvider time, List<TimeSpan> delays)
    {
        Server = server;
        Time = time;
        Delays = delays;
        Http = new HttpClient { BaseAddress = server.BaseAddress };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        Graph = GraphClient(Token);
    }

    public SandboxServer Server { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Latency the sandbox asked to wait (recorded instead of slept).</summary>
    public List<TimeSpan> Delays { get; }

    public SandboxState State => Server.State;

    public HttpClient Http { get; }

    public HttpClient Anonymous { get; }

    public GraphServiceClient Graph { get; }

    public static async Task<SandboxHarness> StartAsync(Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var delays = new List<TimeSpan>();
        Task RecordDelay(TimeSpan d, CancellationToken _)
        {
            lock (delays)
            {
                delays.Add(d);
            }

            return Task.CompletedTask;
        }

        return new SandboxHarness(await TestSandbox.StartAsync(time, RecordDelay, configure), time, delays);
    }

    public GraphServiceClient GraphClient(string token) =>
        new(new HttpClient(), new BaseBearerTokenAuthenticationProvider(new StaticAccessTokenProvider(token)), Server.GraphBaseUrl);

    public static DelegatedAdminRelationship NewRelationship(
        string displayName, string? tenantId = null, TimeSpan? duration = null, TimeSpan? autoExtend = null, params string[] roles) => new()
    {
        DisplayName = displayName,
        Duration = duration ?? TimeSpan.FromDays(730),
        AutoExtendDuration = autoExtend,
        Customer = new DelegatedAdminRelationshipCustomerParticipant
        {
            TenantId = tenantId ?? Guid.NewGuid().ToString(),
            DisplayName = "Contoso Ltd",
        },
        AccessDetails = new DelegatedAdminAccessDetails
        {
            UnifiedRoles = (roles.Length == 0 ? new[] { BuiltInRoles.DirectoryReaders, BuiltInRoles.HelpdeskAdministrator } : roles)
                .Select(r => new UnifiedRole { RoleDefinitionId = r }).ToList(),
        },
    };

    public Task<DelegatedAdminRelationship?> CreateAsync(string displayName, string? tenantId = null, params string[] roles) =>
        Graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(NewRelationship(displayName, tenantId, roles: roles));

    /// <summary>Creates a relationship and walks it to active: lockForApproval, then the customer approves.</summary>
    public async Task<DelegatedAdminRelationship> CreateActiveAsync(string displayName, TimeSpan? duration = null, TimeSpan? autoExtend = null, params string[] roles)
    {
        var created = await Graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(NewRelationship(displayName, null, duration, autoExtend, roles));
        await LockAsync(created!.Id!);
        await ControlAsync($"_sandbox/relationships/{created.Id}/approve");
        await ControlAsync("_sandbox/process"); // approved → activating → active: let the service finish.
        return (await Graph.TenantRelationships.DelegatedAdminRelationships[created.Id].GetAsync())!;
    }

    /// <summary>Requests lockForApproval and lets the service process it (the request starts created; the relationship moves afterwards).</summary>
    public async Task<DelegatedAdminRelationshipRequest?> LockAsync(string id)
    {
        var request = await RequestLockAsync(id);
        await ControlAsync("_sandbox/process");
        return request;
    }

    /// <summary>Only the request: as the service answers it, before it is processed.</summary>
    public Task<DelegatedAdminRelationshipRequest?> RequestLockAsync(string id) =>
        Graph.TenantRelationships.DelegatedAdminRelationships[id].Requests.PostAsync(
            new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.LockForApproval });

    public async Task<JsonObject> ControlAsync(string path, object? body = null)
    {
        using var response = await Anonymous.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} → {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject();
    }

    public Task<DelegatedAdminRelationship?> GetAsync(string id) =>
        Graph.TenantRelationships.DelegatedAdminRelationships[id].GetAsync();

    public static string ETag(Entity entity) => (string)entity.AdditionalData["@odata.etag"];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
    }
}
