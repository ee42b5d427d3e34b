using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

public sealed class GatewayHarness : IDisposable
{
    public const string Token = "test-access-token";

    public GatewayHarness(CloudEnvironment cloud = CloudEnvironment.Global, RetrySettings? retry = null)
    {
        Endpoints = CloudEndpoints.Resolve(cloud, new EndpointSettings { Graph = new Uri(FakeGraphServer.BaseUrl) });
        var pipeline = ResiliencePipelineFactory.Create(retry ?? new RetrySettings { MaxAttempts = 4 }, Clock, () => 0.5);
        Gateway = new GraphGdapClient(new StaticAccessTokenCredential(Token, Clock), Endpoints, pipeline, Clock, () => Observer, Server);
    }

    public TestClock Clock { get; } = new();
    public FakeGraphServer Server { get; } = new();
    public RecordingObserver Observer { get; } = new();
    public CloudEndpoints Endpoints { get; }
    public GraphGdapClient Gateway { get; }

    /// <summary>Runs a gateway call, advancing the fake clock through any retry waits.</summary>
    public async Task<T> Run<T>(Func<IGraphGdapClient, Task<T>> call)
    {
        var task = call(Gateway);
        await Clock.DriveAsync(task, ResilienceHarness.RetryWait);
        return await task;
    }

    public void Dispose() => Gateway.Dispose();
}
