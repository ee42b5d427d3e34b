using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Azure.Core;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using Polly;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Assembles the HTTP handler chain of every remote client in one place (as Azure.Core's HttpPipelineBuilder does), so
/// each client gets the same stages in the same order, outermost first:
/// <list type="number">
/// <item>an SDK's own middleware that runs once per call (the part before its retry handler);</item>
/// <item>resilience: the shared retry/timeout/circuit-breaker pipeline, the service's rate limiter and the -Verbose
/// observer (<see cref="ResilientHttpHandler"/>), in place of the SDK's retry handler;</item>
/// <item>the SDK's middleware that runs per attempt (the part after its retry handler);</item>
/// <item>the bearer token, per attempt, so a long retry sequence picks up a refreshed token;</item>
/// <item>the transport (a test's fake server, the sandbox's pinned certificate, or the platform's handler).</item>
/// </list>
/// </summary>
public sealed class HttpHandlerChainBuilder
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;
    private Func<IRemoteCallObserver?>? _observer;
    private AdaptiveRateLimiter? _limiter;
    private IReadOnlyList<DelegatingHandler> _perCall = Array.Empty<DelegatingHandler>();
    private IReadOnlyList<DelegatingHandler> _perAttempt = Array.Empty<DelegatingHandler>();
    private (TokenCredential Credential, string Scope)? _bearer;

    /// <param name="pipeline">The resilience pipeline the calls share (one per connection, so its circuit breaker sees every call).</param>
    public HttpHandlerChainBuilder(ResiliencePipeline<HttpResponseMessage> pipeline, TimeProvider timeProvider)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The innermost handler; null until <see cref="Over"/> names one.</summary>
    public HttpMessageHandler? Transport { get; private set; }

    /// <summary>Who hears of each attempt (read per request: the cmdlet running now).</summary>
    public HttpHandlerChainBuilder ObservedBy(Func<IRemoteCallObserver?>? observer)
    {
        _observer = observer;
        return this;
    }

    /// <summary>The shared limiter of the service and tenant the requests go to; null: no pacing.</summary>
    public HttpHandlerChainBuilder PacedBy(AdaptiveRateLimiter? limiter)
    {
        _limiter = limiter;
        return this;
    }

    /// <summary>An SDK's default middleware, in its order; its retry handler is left out and our resilience takes its place.</summary>
    public HttpHandlerChainBuilder WithSdkMiddleware(IEnumerable<DelegatingHandler> middleware, Func<DelegatingHandler, bool> isSdkRetryHandler)
    {
        if (middleware is null) throw new ArgumentNullException(nameof(middleware));
        if (isSdkRetryHandler is null) throw new ArgumentNullException(nameof(isSdkRetryHandler));
        var handlers = middleware.ToList();
        var retryAt = handlers.FindIndex(h => isSdkRetryHandler(h));
        _perCall = retryAt < 0 ? Array.Empty<DelegatingHandler>() : handlers.Take(retryAt).ToList();
        _perAttempt = handlers.Skip(retryAt < 0 ? 0 : retryAt).Where(h => !isSdkRetryHandler(h)).ToList();
        return this;
    }

    /// <summary>Adds "Authorization: Bearer" for <paramref name="scope"/> to every attempt.</summary>
    public HttpHandlerChainBuilder WithBearerToken(TokenCredential credential, string scope)
    {
        _bearer = (credential ?? throw new ArgumentNullException(nameof(credential)), scope ?? throw new ArgumentNullException(nameof(scope)));
        return this;
    }

    /// <param name="transport">The innermost handler; null for the platform's default.</param>
    public HttpHandlerChainBuilder Over(HttpMessageHandler? transport)
    {
        Transport = transport;
        return this;
    }

    /// <summary>
    /// The delegating handlers, outermost first and not yet linked, for an SDK factory that links them over
    /// <see cref="Transport"/> itself (Microsoft Graph's). Each call makes new handlers.
    /// </summary>
    public IList<DelegatingHandler> BuildHandlers()
    {
        var handlers = new List<DelegatingHandler>(_perCall.Count + _perAttempt.Count + 2);
        handlers.AddRange(_perCall);
        handlers.Add(new ResilientHttpHandler(_pipeline, _time, _observer, _limiter));
        handlers.AddRange(_perAttempt);
        if (_bearer is { } bearer)
        {
            handlers.Add(new BearerTokenHandler(bearer.Credential, bearer.Scope));
        }

        return handlers;
    }

    /// <summary>The linked chain: its outermost handler, ending in <see cref="Transport"/> (or a new platform handler).</summary>
    public DelegatingHandler Build()
    {
        var handlers = BuildHandlers();
        for (var i = 0; i < handlers.Count - 1; i++)
        {
            handlers[i].InnerHandler = handlers[i + 1];
        }

        handlers[handlers.Count - 1].InnerHandler = Transport ?? new HttpClientHandler();
        return handlers[0];
    }
}
