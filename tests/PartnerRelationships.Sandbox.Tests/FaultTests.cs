using System.Net;
using System.Net.Http.Json;
using Microsoft.Graph.Models;

namespace PartnerRelationships.Sandbox.Tests;

/// <summary>Each fault mode happens at the configured rate, repeatably for a seed, and only on API calls.</summary>
public sealed class FaultTests
{
    private const string ApiPath = "v1.0/contracts";

    private static async Task SetFaultsAsync(SandboxHarness sandbox, object faults)
    {
        using var response = await sandbox.Anonymous.PutAsJsonAsync("_sandbox/faults", faults);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The outcome of each of <paramref name="count"/> sequential GETs: the status code, or 0 for a dropped connection.</summary>
    private static async Task<List<int>> OutcomesAsync(SandboxHarness sandbox, int count, string path = ApiPath)
    {
        var outcomes = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            try
            {
                using var response = await sandbox.Http.GetAsync(path);
                outcomes.Add((int)response.StatusCode);
            }
            catch (HttpRequestException)
            {
                outcomes.Add(0);
            }
        }

        return outcomes;
    }

    [Fact]
    public async Task Server_errors_happen_at_the_configured_probability_as_500_and_503()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { serverErrorProbability = 0.3, seed = 42 });

        var outcomes = await OutcomesAsync(sandbox, 1000);

        var rate = outcomes.Count(s => s >= 500) / 1000.0;
        Assert.InRange(rate, 0.25, 0.35);
        Assert.Contains(500, outcomes);
        Assert.Contains(503, outcomes);
        Assert.All(outcomes, s => Assert.True(s is 200 or 500 or 503));
    }

    [Fact]
    public async Task A_path_fault_fails_every_call_to_that_path_and_no_other()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { failPathContaining = "CONTRACTS" });

        Assert.All(await OutcomesAsync(sandbox, 5), s => Assert.Equal(503, s));
        Assert.All(await OutcomesAsync(sandbox, 5, "v1.0/tenantRelationships/delegatedAdminRelationships"), s => Assert.Equal(200, s));

        var shown = await sandbox.Anonymous.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("_sandbox/faults");
        Assert.Equal("CONTRACTS", (string?)shown!["failPathContaining"]);
        await SetFaultsAsync(sandbox, new { });
        Assert.All(await OutcomesAsync(sandbox, 2), s => Assert.Equal(200, s));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_sequence_and_another_seed_a_different_one()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { serverErrorProbability = 0.3, seed = 7 });
        var first = await OutcomesAsync(sandbox, 200);
        await SetFaultsAsync(sandbox, new { serverErrorProbability = 0.3, seed = 7 });
        var again = await OutcomesAsync(sandbox, 200);
        await SetFaultsAsync(sandbox, new { serverErrorProbability = 0.3, seed = 8 });
        var other = await OutcomesAsync(sandbox, 200);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Injected_server_errors_use_the_services_error_shapes()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { serverErrorProbability = 1.0 });

        using var graph = await sandbox.Http.GetAsync(ApiPath);
        using var partnerCenter = await sandbox.Http.GetAsync("v1/customers");

        Assert.Contains("\"error\":{\"code\":", await graph.Content.ReadAsStringAsync());
        Assert.Contains("\"errorName\"", await partnerCenter.Content.ReadAsStringAsync());
        await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() => sandbox.Graph.Contracts.GetAsync());
    }

    [Fact]
    public async Task Dropped_connections_happen_at_the_configured_probability()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { dropProbability = 0.3, seed = 5 });

        var outcomes = await OutcomesAsync(sandbox, 1000);

        Assert.InRange(outcomes.Count(s => s == 0) / 1000.0, 0.25, 0.35);
        Assert.All(outcomes, s => Assert.True(s is 0 or 200));
    }

    [Fact]
    public async Task The_throttle_allows_N_per_second_then_429_with_RetryAfter_until_the_clock_moves()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { throttleRps = 5 });

        var burst = await OutcomesAsync(sandbox, 8);
        using var throttled = await sandbox.Http.GetAsync(ApiPath);
        using var throttledPc = await sandbox.Http.GetAsync("v1/customers");
        sandbox.Server.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterASecond = await OutcomesAsync(sandbox, 6);

        Assert.Equal(new[] { 200, 200, 200, 200, 200, 429, 429, 429 }, burst);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
        Assert.Contains("TooManyRequests", await throttled.Content.ReadAsStringAsync());
        Assert.Contains("\"errorName\":\"TooManyRequests\"", await throttledPc.Content.ReadAsStringAsync());
        Assert.Equal(new[] { 200, 200, 200, 200, 200, 429 }, afterASecond);
    }

    [Fact]
    public async Task The_throttle_rate_over_time_matches_the_configuration()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { throttleRps = 10 });

        // 20 requests every 100 ms of sandbox time for 10 s: 10 per second may pass (plus the initial burst).
        var passed = 0;
        for (var tick = 0; tick < 100; tick++)
        {
            passed += (await OutcomesAsync(sandbox, 2)).Count(s => s == 200);
            sandbox.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.InRange(passed, 100, 110);
    }

    [Fact]
    public async Task Latency_is_added_to_api_calls_through_the_injected_delay()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { latencyMs = 250 });

        await sandbox.Http.GetAsync(ApiPath);
        await sandbox.Anonymous.GetAsync("_sandbox/state");

        Assert.Equal(new[] { TimeSpan.FromMilliseconds(250) }, sandbox.Delays);
    }

    [Fact]
    public async Task A_lost_create_is_performed_but_the_client_sees_a_dropped_connection()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { lostCreateProbability = 1.0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.CreateAsync("Lost response"));

        var stored = sandbox.State.FindRelationshipByDisplayName("Lost response");
        Assert.NotNull(stored);
        Assert.Equal("created", stored!.Status);
        // Reads are not creates: they still work, and the retried create is detectable by its displayName.
        var listed = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(c => c.QueryParameters.Filter = "displayName eq 'Lost response'");
        Assert.Equal(stored.Id, Assert.Single(listed!.Value!).Id);
        await SetFaultsAsync(sandbox, new { });
        var retry = await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => sandbox.CreateAsync("Lost response"));
        Assert.Contains("already exists", retry.Error!.Message);
    }

    [Fact]
    public async Task Lost_creates_happen_at_the_configured_probability()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { lostCreateProbability = 0.3, seed = 11 });

        var lost = 0;
        for (var i = 0; i < 400; i++)
        {
            try
            {
                await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(SandboxHarness.NewRelationship($"Create {i}"));
            }
            catch (HttpRequestException)
            {
                lost++;
            }
        }

        Assert.Equal(400, sandbox.State.Relationships.Count);
        Assert.InRange(lost / 400.0, 0.23, 0.37);
    }

    [Fact]
    public async Task Controls_are_never_faulted_and_the_token_endpoint_only_when_configured()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await SetFaultsAsync(sandbox, new { serverErrorProbability = 1.0 });
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "00000000-0000-0000-0000-00000000a11c",
            ["client_secret"] = "sandbox-secret", ["scope"] = "https://graph.microsoft.com/.default",
        };

        var controls = await OutcomesAsync(sandbox, 20, "_sandbox/state");
        using var token = await sandbox.Anonymous.PostAsync("t/oauth2/v2.0/token", new FormUrlEncodedContent(form));
        await SetFaultsAsync(sandbox, new { serverErrorProbability = 1.0, applyToTokenEndpoint = true });
        using var faultedToken = await sandbox.Anonymous.PostAsync("t/oauth2/v2.0/token", new FormUrlEncodedContent(form));

        Assert.All(controls, s => Assert.Equal(200, s));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.True((int)faultedToken.StatusCode >= 500);
    }

    [Fact]
    public async Task Faults_can_be_set_at_start_and_read_back()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider, Delay = o.Delay, Faults = new FaultSettings { ThrottleRequestsPerSecond = 2, Seed = 9 },
        });

        var faults = await sandbox.Anonymous.GetStringAsync("_sandbox/faults");
        var outcomes = await OutcomesAsync(sandbox, 3);

        Assert.Contains("\"throttleRps\":2", faults);
        Assert.Contains("\"seed\":9", faults);
        Assert.Equal(new[] { 200, 200, 429 }, outcomes);
    }

    [Fact]
    public async Task Invalid_fault_settings_are_refused()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        using var response = await sandbox.Anonymous.PutAsJsonAsync("_sandbox/faults", new { dropProbability = 1.5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, sandbox.Server.Faults.Settings.DropProbability);
    }
}
