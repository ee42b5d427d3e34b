using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

public class PartnerConnectionTests
{
    private static PartnerRelationshipsConfig Config() => new()
    {
        Partner = new PartnerSettings { TenantId = "partner-tenant" },
        Auth = new AuthSettings { Mode = AuthMode.AccessToken, AccessTokenVariable = "PR_TOKEN" },
        Endpoints = new EndpointSettings { Graph = new Uri(FakeGraphServer.BaseUrl), PartnerCenter = new Uri(FakePartnerCenterServer.BaseUrl) },
    };

    [Fact]
    public async Task Clients_are_created_on_first_use_and_share_one_circuit_breaker()
    {
        var graph = new FakeGraphServer();
        var pc = new FakePartnerCenterServer();
        var config = Config();
        config.Retry = new RetrySettings { MaxAttempts = 1, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5 };
        var clock = new TestClock();
        using var connection = PartnerConnection.Create(config, new EnvironmentSecretSource(_ => "a-token"), options: new PartnerConnectionOptions
        {
            TimeProvider = clock,
            TransportFactory = new Queue<HttpMessageHandler>(new HttpMessageHandler[] { graph, pc }).Dequeue,
        });

        Assert.False(connection.GraphGdapCreated);
        var observer = new RecordingObserver();
        connection.Observer = observer;

        graph.Fault(System.Net.HttpStatusCode.InternalServerError).Fault(System.Net.HttpStatusCode.InternalServerError);
        await Assert.ThrowsAsync<PartnerRelationshipsException>(() => connection.GraphGdap.GetRelationshipAsync("x"));
        await Assert.ThrowsAsync<PartnerRelationshipsException>(() => connection.GraphGdap.GetRelationshipAsync("x"));
        Assert.True(connection.GraphGdapCreated);

        // The breaker opened on Graph failures; Partner Center calls share the pipeline and fail fast too.
        var open = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => connection.PartnerCenter.GetCustomerAsync("cust-0"));
        Assert.Equal("ServiceUnavailable", open.ErrorId);
        Assert.Empty(pc.Requests);
        Assert.Equal(2, observer.Attempts.Count);
    }

    [Fact]
    public void Sandbox_uri_and_config_build_a_sandbox_credential()
    {
        var config = Config();
        config.Auth = new AuthSettings { Mode = AuthMode.ClientSecret, ClientId = "app", ClientSecretVariable = "PR_SECRET" };

        using var connection = PartnerConnection.Create(config, new EnvironmentSecretSource(_ => "secret"), new Uri("http://127.0.0.1:5080/"));

        Assert.True(connection.Endpoints.IsSandbox);
        Assert.IsType<SandboxClientCredential>(connection.Credential);
        Assert.False(connection.GraphGdapCreated);
    }

    [Fact]
    public void Bad_retry_settings_fail_at_connect()
    {
        var config = Config();
        config.Retry.MaxAttempts = 0;

        var ex = Assert.Throws<PartnerRelationshipsException>(() => PartnerConnection.Create(config, new EnvironmentSecretSource(_ => "t")));

        Assert.Equal("InvalidRetrySettings", ex.ErrorId);
    }
}
