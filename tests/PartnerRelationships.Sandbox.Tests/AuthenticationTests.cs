using System.Net;
using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.Tests;

public sealed class AuthenticationTests
{
    private const string ClientId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private const string Secret = "s3cret~value";

    private static Task<HttpResponseMessage> RequestTokenAsync(SandboxHarness sandbox, string clientId, string secret, string grant = "client_credentials") =>
        sandbox.Anonymous.PostAsync("contoso-partner-tenant/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grant,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "https://graph.microsoft.com/.default",
        }));

    [Fact]
    public async Task Graph_calls_without_a_token_get_401_InvalidAuthenticationToken()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var noToken = sandbox.GraphClient(string.Empty);
        var wrongToken = sandbox.GraphClient("not-issued-here");

        await ODataErrorAssert.ThrowsAsync(401, "InvalidAuthenticationToken", () => noToken.TenantRelationships.DelegatedAdminRelationships.GetAsync());
        await ODataErrorAssert.ThrowsAsync(401, "InvalidAuthenticationToken", () => wrongToken.Contracts.GetAsync());
    }

    [Fact]
    public async Task The_token_endpoint_issues_a_bearer_token_the_graph_sdk_can_use_until_it_expires()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        sandbox.State.RegisterApp(ClientId, Secret);

        using var response = await RequestTokenAsync(sandbox, ClientId, Secret);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        Assert.Equal(3600, (int)body["expires_in"]!);
        var graph = sandbox.GraphClient((string)body["access_token"]!);
        Assert.NotNull(await graph.TenantRelationships.DelegatedAdminRelationships.GetAsync());

        sandbox.Server.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await ODataErrorAssert.ThrowsAsync(401, "InvalidAuthenticationToken", () => graph.TenantRelationships.DelegatedAdminRelationships.GetAsync());
        Assert.Contains("expired", expired.Error!.Message);
    }

    [Fact]
    public async Task A_bad_secret_is_401_invalid_client_with_the_AADSTS_code()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        sandbox.State.RegisterApp(ClientId, Secret);

        using var response = await RequestTokenAsync(sandbox, ClientId, "wrong");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (string)body["error"]!);
        Assert.StartsWith("AADSTS7000215:", (string)body["error_description"]!);
    }

    [Fact]
    public async Task An_unknown_app_or_grant_is_a_400()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        using var unknown = await RequestTokenAsync(sandbox, Guid.NewGuid().ToString(), Secret);
        using var grant = await RequestTokenAsync(sandbox, ClientId, Secret, grant: "password");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("unauthorized_client", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        Assert.Contains("unsupported_grant_type", await grant.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Apps_can_be_registered_through_the_controls()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.ControlAsync("_sandbox/apps", new { clientId = ClientId, clientSecret = Secret });

        using var response = await RequestTokenAsync(sandbox, ClientId, Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Openid_discovery_points_at_the_token_endpoint()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var doc = JsonNode.Parse(await sandbox.Anonymous.GetStringAsync("my-tenant/v2.0/.well-known/openid-configuration"))!;

        Assert.Equal($"{sandbox.Server.BaseAddress}my-tenant/oauth2/v2.0/token", (string)doc["token_endpoint"]!);
        Assert.Equal($"{sandbox.Server.BaseAddress}my-tenant/v2.0", (string)doc["issuer"]!);
    }

    [Fact]
    public async Task Unknown_api_paths_are_404_in_graph_shape()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        using var response = await sandbox.Http.GetAsync("v1.0/users");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }
}
