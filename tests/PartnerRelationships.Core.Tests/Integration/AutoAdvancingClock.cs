using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace PartnerRelationships.Core.Tests.Integration;

/// <summary>
/// One fake clock for the sandbox and the client whose waits complete at once: arming a timer that counts as a wait
/// (a retry backoff, a Retry-After, injected latency) moves the clock forward by its due time, so the wait is over
/// without any real sleep. Timeouts are not waits: timers whose due time is a configured timeout are left alone, so
/// they fire only when something else moves the clock past them (latency longer than the attempt timeout).
/// Every wait is recorded so a test can assert what was asked for.
/// </summary>
public sealed class AutoAdvancingClock : FakeTimeProvider
{
    private readonly HashSet<TimeSpan> _timeouts;
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public AutoAdvancingClock(params TimeSpan[] timeouts)
        : this(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), timeouts)
    {
    }

    public AutoAdvancingClock(DateTimeOffset start, params TimeSpan[] timeouts)
        : base(start)
    {
        _timeouts = new HashSet<TimeSpan>(timeouts);
    }

    /// <summary>Every wait that was skipped, in the order the timers were armed.</summary>
    public IReadOnlyList<TimeSpan> Waits => _waits.ToList();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime <= TimeSpan.Zero || dueTime == Timeout.InfiniteTimeSpan || _timeouts.Contains(dueTime))
        {
            return;
        }

        _waits.Enqueue(dueTime);
        // Not inline: the caller has not stored its timer yet, and the callback may need it.
        ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
    }

    private sealed class WatchedTimer(ITimer inner, AutoAdvancingClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
