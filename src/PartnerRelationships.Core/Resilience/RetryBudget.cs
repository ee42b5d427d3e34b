using System;
using Polly;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// What one call has spent on retries. Failures (5xx, 408, dropped connections, timeouts) count against
/// Retry.MaxAttempts; throttling (429) does not — the service is up and asked us to slow down, which the shared
/// limiter does — so a throttled call keeps waiting its Retry-After for as long as Retry.TotalTimeout allows.
/// </summary>
internal sealed class RetryBudget
{
    public static readonly ResiliencePropertyKey<RetryBudget> Key = new("PartnerRelationships.RetryBudget");

    private readonly TimeProvider _time;
    private readonly long _started;

    private RetryBudget(TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>Failed attempts so far that were not throttling.</summary>
    public int Failures { get; set; }

    /// <summary>Attempts so far answered 429.</summary>
    public int Throttles { get; set; }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    public static RetryBudget Of(ResilienceContext context, TimeProvider time)
    {
        if (!context.Properties.TryGetValue(Key, out var budget))
        {
            budget = new RetryBudget(time);
            context.Properties.Set(Key, budget);
        }

        return budget;
    }
}
