using System;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// The pipeline step that makes each attempt wait its turn at the call's <see cref="AdaptiveRateLimiter"/> (put in the
/// context by <see cref="ResilientHttpHandler"/>, one per service and tenant) and tells it how the attempt was
/// answered. It sits inside the retry and the circuit breaker and outside the per-attempt timeout, so a wait for a
/// turn is never mistaken for a slow service.
/// </summary>
internal sealed class AdaptiveRateLimitStrategy : ResilienceStrategy
{
    public static readonly ResiliencePropertyKey<AdaptiveRateLimiter> Key = new("PartnerRelationships.AdaptiveRateLimiter");

    private readonly TimeProvider _time;

    public AdaptiveRateLimitStrategy(TimeProvider time) => _time = time;

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        if (!context.Properties.TryGetValue(Key, out var limiter))
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }

        DateTimeOffset sentAt;
        try
        {
            sentAt = await limiter.WaitTurnAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<TResult>(ex);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is HttpResponseMessage response)
        {
            var throttled = (int)response.StatusCode == 429;
            limiter.OnResponse(sentAt, throttled, throttled ? RetryAfter.From(response, _time.GetUtcNow()) : null);
        }

        return outcome;
    }
}

/// <summary>Options for <see cref="AdaptiveRateLimitStrategy"/> (Polly requires an options object; there is nothing to set).</summary>
internal sealed class AdaptiveRateLimitStrategyOptions : ResilienceStrategyOptions
{
    public AdaptiveRateLimitStrategyOptions() => Name = "AdaptiveRateLimit";
}
