using Azure.Core;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Integration;

public class SandboxTraceTests
{
    [Fact]
    public async Task The_trace_shows_every_call_and_no_secret_or_token()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { ServerErrorProbability = 0.5, Seed = 2 }, customers: 3);
        var spec = new RelationshipSpec { DisplayName = "Traced", Roles = new[] { BuiltInRoles.GlobalReader }, Duration = TimeSpan.FromDays(30) };

        var created = await sandbox.Connection.GraphGdap.CreateRelationshipAsync(spec);
        await sandbox.Connection.GraphGdap.LockForApprovalAsync(created.Id);
        await foreach (var _ in sandbox.Connection.PartnerCenter.ListCustomersAsync())
        {
        }

        var token = (await sandbox.Connection.Credential.GetTokenAsync(new TokenRequestContext(new[] { sandbox.Connection.Endpoints.GraphScope }), default)).Token;
        var trace = sandbox.Observer.AllText();

        Assert.Contains("POST /v1.0/tenantRelationships/delegatedAdminRelationships -> 201", trace);
        Assert.Contains("GET /v1/customers", trace);
        Assert.Contains("Authorization: Bearer ***", trace);
        Assert.Contains("\"displayName\":\"Traced\"", trace.Replace(" ", ""));
        Assert.DoesNotContain(SandboxConnection.ClientSecret, trace);
        Assert.DoesNotContain(token, trace);
        Assert.DoesNotContain("eyJ", trace); // any JWT the sandbox issued
    }
}
