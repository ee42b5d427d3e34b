using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

public sealed class GraphGdapHarness : IDisposable
{
    public const string Token = "test-access-token";

    public GraphGdapHarness(CloudEnvironment cloud = CloudEnvironment.Global, RetrySettings? retry = null)
    {
        Endpoints = CloudEndpoints.Resolve(cloud, new EndpointSettings { Graph = new Uri(FakeGraphServer.BaseUrl) });
        var pipeline = ResiliencePipelineFactory.Create(retry ?? new RetrySettings { MaxAttempts = 4 }, Clock, () => 0.5);
        GraphGdap = new GraphGdapClient(new StaticAccessTokenCredential(Token, Clock), Endpoints, pipeline, Clock, () => Observer, Server);
    }

    public TestClock Clock { get; } = new();
    public FakeGraphServer Server { get; } = new();
    public RecordingObserver Observer { get; } = new();
    public CloudEndpoints Endpoints { get; }
    public GraphGdapClient GraphGdap { get; }

    /// <summary>Runs a Graph GDAP client call, advancing the fake clock through any retry waits.</summary>
    public async Task<T> Run<T>(Func<IGraphGdapClient, Task<T>> call)
    {
        var task = call(GraphGdap);
        await Clock.DriveAsync(task, ResilienceHarness.RetryWait);
        return await task;
    }

    public void Dispose() => GraphGdap.Dispose();
}
