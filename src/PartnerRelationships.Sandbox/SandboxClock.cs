namespace PartnerRelationships.Sandbox;

/// <summary>
/// The sandbox's notion of "now": an underlying clock (real time in a process, a FakeTimeProvider in tests) plus an
/// offset that <see cref="Advance"/> moves forward. Lifecycle rules (expiry, auto-extend, pending work, throttle
/// refill) read only this clock, so a test or demo can jump 90 days without sleeping.
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private long _offsetTicks;

    public SandboxClock(TimeProvider inner, DateTimeOffset? start = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        if (start is { } s)
        {
            _offsetTicks = (s - inner.GetUtcNow()).Ticks;
        }
    }

    /// <summary>Raised after every <see cref="Advance"/>; the state uses it to run due transitions and pending work.</summary>
    public event Action<SandboxClock>? Advanced;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Timers run on the underlying clock, so a fake one in tests drives waits (a client's Retry-After) too.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The sandbox clock only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
        Advanced?.Invoke(this);
    }
}
