using System;
using System.Net.Http;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// Builds the one pipeline every remote call goes through:
/// total timeout → retry → circuit breaker → the service's shared rate limiter → per-attempt timeout.
/// Share one pipeline per connection so the circuit breaker sees every call to the service.
/// </summary>
public static class ResiliencePipelineFactory
{
    /// <param name="settings">From the configuration's Retry section.</param>
    /// <param name="timeProvider">All waits and timeouts use it (tests pass a fake clock).</param>
    /// <param name="random">Jitter source in [0,1]; null for a shared random generator.</param>
    public static ResiliencePipeline<HttpResponseMessage> Create(RetrySettings settings, TimeProvider timeProvider, Func<double>? random = null)
    {
        if (settings is null) throw new ArgumentNullException(nameof(settings));
        if (timeProvider is null) throw new ArgumentNullException(nameof(timeProvider));
        Validate(settings);

        var backoff = new BackoffCalculator(settings.BaseDelay, settings.MaxDelay, random);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.TotalTimeout, Name = "TotalTimeout" });

        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Retry",
                // Throttled attempts do not count (see RetryBudget); failures are limited in ShouldHandle.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, settings, timeProvider, backoff)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(DelayFor(args.Outcome, args.Context, timeProvider, backoff)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RemoteCallTrace.Key, out var trace))
                    {
                        trace.Retrying(args.RetryDelay);
                    }

                    // The response that is being retried is never seen by anyone else: release its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "CircuitBreaker",
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = settings.BreakerSamplingDuration,
            BreakDuration = settings.BreakerBreakDuration,
            ShouldHandle = args => new ValueTask<bool>(TransientFailure.CountsAgainstBreaker(args.Outcome.Result, args.Outcome.Exception)),
        });

        // Each attempt waits its turn at the service's shared limiter (when the call names one) before its own timeout starts.
        builder.AddStrategy(_ => new AdaptiveRateLimitStrategy(timeProvider), new AdaptiveRateLimitStrategyOptions());

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout, Name = "AttemptTimeout" });

        return builder.Build();
    }

    private static bool IsThrottled(Outcome<HttpResponseMessage> outcome) => outcome.Result is { } response && (int)response.StatusCode == 429;

    /// <summary>
    /// Failures get Retry.MaxAttempts in all; a 429 is retried for as long as its wait still ends within
    /// Retry.TotalTimeout (then the call ends as RemoteThrottled rather than as a timeout).
    /// </summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, RetrySettings settings, TimeProvider time, BackoffCalculator backoff)
    {
        var transient = TransientFailure.IsTransientException(outcome.Exception)
                        || (outcome.Result is { } response && TransientFailure.IsTransientStatus(response.StatusCode));
        if (!transient)
        {
            return false;
        }

        var budget = RetryBudget.Of(context, time);
        if (IsThrottled(outcome))
        {
            budget.Throttles++;
            var wait = RetryAfter.From(outcome.Result, time.GetUtcNow()) ?? backoff.DelayFor(budget.Throttles - 1);
            return budget.Elapsed + wait < settings.TotalTimeout;
        }

        budget.Failures++;
        return budget.Failures < settings.MaxAttempts;
    }

    private static TimeSpan DelayFor(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeProvider time, BackoffCalculator backoff)
    {
        var budget = RetryBudget.Of(context, time);
        var index = IsThrottled(outcome) ? budget.Throttles - 1 : budget.Failures - 1;
        return RetryAfter.From(outcome.Result, time.GetUtcNow()) ?? backoff.DelayFor(index);
    }

    /// <summary>Polly's own validation errors are unreadable for a config author; check the ranges here first.</summary>
    public static void Validate(RetrySettings settings)
    {
        void Fail(string key, string rule) => throw new PartnerRelationshipsException(
            ErrorIds.Remote.InvalidRetrySettings,
            ErrorKind.InvalidArgument,
            $"The configuration value Retry.{key} is out of range: {rule}. Fix it in the configuration file.",
            "Retry." + key);

        var minTimeout = TimeSpan.FromMilliseconds(10);
        var maxTimeout = TimeSpan.FromDays(1);
        if (settings.MaxAttempts < 1) Fail(nameof(settings.MaxAttempts), "it must be at least 1");
        if (settings.BaseDelay < TimeSpan.Zero) Fail(nameof(settings.BaseDelay), "it must not be negative");
        if (settings.MaxDelay < settings.BaseDelay) Fail(nameof(settings.MaxDelay), "it must not be less than Retry.BaseDelay");
        if (settings.AttemptTimeout < minTimeout || settings.AttemptTimeout > maxTimeout) Fail(nameof(settings.AttemptTimeout), "it must be between 10 milliseconds and 1 day");
        if (settings.TotalTimeout < minTimeout || settings.TotalTimeout > maxTimeout) Fail(nameof(settings.TotalTimeout), "it must be between 10 milliseconds and 1 day");
        if (!(settings.BreakerFailureRatio > 0 && settings.BreakerFailureRatio <= 1)) Fail(nameof(settings.BreakerFailureRatio), "it must be greater than 0 and at most 1");
        if (settings.BreakerMinimumThroughput < 2) Fail(nameof(settings.BreakerMinimumThroughput), "it must be at least 2");
        if (settings.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500)) Fail(nameof(settings.BreakerSamplingDuration), "it must be at least 0.5 seconds");
        if (settings.BreakerBreakDuration < TimeSpan.FromMilliseconds(500)) Fail(nameof(settings.BreakerBreakDuration), "it must be at least 0.5 seconds");
    }
}
