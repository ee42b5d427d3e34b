namespace PartnerRelationships.Sandbox.Faults;

/// <summary>
/// A token bucket on the sandbox clock: holds up to one second's worth of requests and refills at the configured
/// rate, so N requests per second pass and the rest get 429. Not thread-safe; the injector locks around it.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _clock;
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private double _tokens;
    private DateTimeOffset _lastRefill;

    public TokenBucket(TimeProvider clock, double ratePerSecond)
    {
        _clock = clock;
        _ratePerSecond = ratePerSecond;
        _capacity = Math.Max(1, ratePerSecond);
        _tokens = _capacity;
        _lastRefill = clock.GetUtcNow();
    }

    /// <summary>Takes a token; when none is left, returns how many whole seconds until one is (Retry-After).</summary>
    public bool TryTake(out int retryAfterSeconds)
    {
        var now = _clock.GetUtcNow();
        var elapsed = (now - _lastRefill).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + elapsed * _ratePerSecond);
            _lastRefill = now;
        }

        if (_tokens >= 1)
        {
            _tokens -= 1;
            retryAfterSeconds = 0;
            return true;
        }

        retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / _ratePerSecond));
        return false;
    }
}
