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
/// total timeout → retry → circuit breaker → per-attempt timeout.
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
                MaxRetryAttempts = settings.MaxAttempts - 1,
                ShouldHandle = args => new ValueTask<bool>(
                    TransientFailure.IsTransientException(args.Outcome.Exception)
                    || (args.Outcome.Result is { } response && TransientFailure.IsTransientStatus(response.StatusCode))),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    RetryAfter.From(args.Outcome.Result, timeProvider.GetUtcNow()) ?? backoff.DelayFor(args.AttemptNumber)),
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

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout, Name = "AttemptTimeout" });

        return builder.Build();
    }

    /// <summary>Polly's own validation errors are unreadable for a config author; check the ranges here first.</summary>
    public static void Validate(RetrySettings settings)
    {
        void Fail(string key, string rule) => throw new PartnerRelationshipsException(
            "InvalidRetrySettings",
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
