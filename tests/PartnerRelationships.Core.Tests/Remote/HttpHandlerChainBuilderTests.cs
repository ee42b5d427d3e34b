using System.Net;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

/// <summary>Every remote client's handlers come from one builder, in one order: SDK per-call → resilience → SDK per-attempt → bearer → transport.</summary>
public class HttpHandlerChainBuilderTests
{
    private readonly TestClock _clock = new();

    private HttpHandlerChainBuilder Builder() =>
        new(ResiliencePipelineFactory.Create(new RetrySettings { MaxAttempts = 3 }, _clock, () => 0.5), _clock);

    [Fact]
    public void Resilience_wraps_the_bearer_token_which_wraps_the_transport()
    {
        var transport = new ScriptedHandler();

        var chain = Builder().WithBearerToken(new StaticAccessTokenCredential("t", _clock), "scope/.default").Over(transport).Build();

        Assert.Equal(new[] { typeof(ResilientHttpHandler), typeof(BearerTokenHandler), typeof(ScriptedHandler) }, Walk(chain).Select(h => h.GetType()));
        Assert.Same(transport, Walk(chain).Last());
    }

    [Fact]
    public void Sdk_middleware_keeps_its_order_and_resilience_takes_the_retry_handlers_place()
    {
        var before = new MarkerHandler("before");
        var sdkRetry = new MarkerHandler("retry");
        var after1 = new MarkerHandler("after1");
        var after2 = new MarkerHandler("after2");

        var handlers = Builder()
            .WithSdkMiddleware(new DelegatingHandler[] { before, sdkRetry, after1, after2 }, h => h == sdkRetry)
            .WithBearerToken(new StaticAccessTokenCredential("t", _clock), "scope/.default")
            .BuildHandlers();

        Assert.Equal(5, handlers.Count);
        Assert.Same(before, handlers[0]);
        Assert.IsType<ResilientHttpHandler>(handlers[1]);
        Assert.Same(after1, handlers[2]);
        Assert.Same(after2, handlers[3]);
        Assert.IsType<BearerTokenHandler>(handlers[4]);
        Assert.DoesNotContain(sdkRetry, handlers);
    }

    [Fact]
    public void Without_an_sdk_retry_handler_resilience_comes_first()
    {
        var a = new MarkerHandler("a");
        var b = new MarkerHandler("b");

        var handlers = Builder().WithSdkMiddleware(new DelegatingHandler[] { a, b }, _ => false).BuildHandlers();

        Assert.IsType<ResilientHttpHandler>(handlers[0]);
        Assert.Same(a, handlers[1]);
        Assert.Same(b, handlers[2]);
    }

    [Fact]
    public void Without_a_transport_the_chain_ends_in_the_platform_handler()
    {
        var builder = Builder();

        var chain = builder.Build();

        Assert.Null(builder.Transport);
        Assert.Equal(new[] { typeof(ResilientHttpHandler), typeof(HttpClientHandler) }, Walk(chain).Select(h => h.GetType()));
    }

    [Fact]
    public async Task Each_attempt_is_retried_observed_and_carries_the_token()
    {
        var transport = new ScriptedHandler().ThenStatus(HttpStatusCode.ServiceUnavailable).ThenStatus(HttpStatusCode.OK, "{}");
        var observer = new RecordingObserver();
        using var client = new HttpClient(Builder()
            .ObservedBy(() => observer)
            .PacedBy(new AdaptiveRateLimiter(_clock))
            .WithBearerToken(new StaticAccessTokenCredential("the-token", _clock), "scope/.default")
            .Over(transport)
            .Build()) { Timeout = Timeout.InfiniteTimeSpan };

        var call = client.GetAsync(new Uri("https://service.test/v1/things"));
        await _clock.DriveAsync(call, ResilienceHarness.RetryWait);
        using var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, transport.Received.Count);
        Assert.All(transport.Received, r => Assert.Equal("Bearer the-token", r.Headers["Authorization"]));
        Assert.Equal(new int?[] { 503, 200 }, observer.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public void The_partner_center_client_is_built_through_the_builder()
    {
        var transport = new ScriptedHandler();
        var pipeline = ResiliencePipelineFactory.Create(new RetrySettings(), _clock, () => 0.5);
        using var client = new PartnerCenterClient(new StaticAccessTokenCredential("t", _clock), CloudEndpoints.For(CloudEnvironment.Global), pipeline, _clock, transport: transport);

        Assert.Equal(new[] { typeof(ResilientHttpHandler), typeof(BearerTokenHandler), typeof(ScriptedHandler) }, Walk(client.Chain).Select(h => h.GetType()));
        Assert.Same(transport, Walk(client.Chain).Last());
    }

    [Fact]
    public void The_graph_client_is_built_through_the_builder_around_the_sdk_middleware()
    {
        using var h = new GraphGdapHarness();
        var sdk = GraphClientFactory.CreateDefaultHandlers().Select(d => d.GetType()).ToList();
        var retryAt = sdk.IndexOf(typeof(RetryHandler));
        Assert.True(retryAt >= 0, "The Graph SDK's default middleware no longer has a RetryHandler: revisit where resilience goes.");
        sdk[retryAt] = typeof(ResilientHttpHandler);

        Assert.Equal(sdk, h.GraphGdap.Handlers.Select(d => d.GetType()));
        Assert.Same(h.Server, h.GraphGdap.Handlers[^1].InnerHandler);
    }

    [Fact]
    public void The_sign_in_requests_are_built_through_the_builder()
    {
        var config = new PartnerRelationshipsConfig
        {
            Auth = new AuthSettings { Mode = AuthMode.ClientSecret, TenantId = "partner-tenant", ClientId = "app", ClientSecretVariable = "PR_SECRET" },
        };

        using var connection = PartnerConnection.Create(config, new EnvironmentSecretSource(_ => "secret"), options: new PartnerConnectionOptions { TimeProvider = _clock });

        Assert.NotNull(connection.SignInChain);
        Assert.Equal(new[] { typeof(ResilientHttpHandler), typeof(HttpClientHandler) }, Walk(connection.SignInChain!).Select(h => h.GetType()));
    }

    private static List<HttpMessageHandler> Walk(HttpMessageHandler outermost)
    {
        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? handler = outermost; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler);
        }

        return chain;
    }

    private sealed class MarkerHandler : DelegatingHandler
    {
        public MarkerHandler(string name) => Name = name;

        public string Name { get; }

        public override string ToString() => Name;
    }
}
