using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Authentication;

namespace PartnerRelationships.Sandbox.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_creates_keep_displayNames_unique_and_lose_nothing()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        // 20 names, each created by 5 clients at once: exactly one create per name wins.
        var attempts = Enumerable.Range(0, 100).Select(async i =>
        {
            try
            {
                await sandbox.CreateAsync($"Race {i % 20}");
                return true;
            }
            catch (ODataError e) when (e.ResponseStatusCode == 400)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Equal(20, results.Count(ok => ok));
        Assert.Equal(20, sandbox.State.Relationships.Count);
        Assert.Equal(20, sandbox.State.Relationships.Select(r => r.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task The_graph_sdk_with_its_default_middleware_works_against_the_sandbox()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.CreateAsync("Default handlers");
        using var httpClient = GraphClientFactory.Create();
        var graph = new GraphServiceClient(httpClient, new BaseBearerTokenAuthenticationProvider(new StaticAccessTokenProvider(SandboxHarness.Token)), sandbox.Server.GraphBaseUrl);

        var page = await graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(c => c.QueryParameters.Filter = "status eq 'created'");

        Assert.Equal("Default handlers", Assert.Single(page!.Value!).DisplayName);
    }
}
