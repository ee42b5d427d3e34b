using Microsoft.Extensions.Time.Testing;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>
/// A fake clock for a closed set of concurrent workers whose only waits are timers on it: once every running worker is
/// waiting on a timer, <see cref="RunAsync"/> moves the clock to the earliest one, as real time would if the work took
/// no time. Unlike a clock that skips each wait as it is armed, concurrent waits overlap instead of adding up, so
/// rates (requests per second against a throttle) come out as they would for real. Timers whose due time is one of
/// the given timeouts are not waits (a per-attempt timeout is armed while the request is being answered).
/// </summary>
public sealed class QuiescentClock : FakeTimeProvider
{
    private readonly HashSet<TimeSpan> _timeouts;
    private readonly object _gate = new();
    private readonly Dictionary<object, DateTimeOffset> _waits = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QuiescentClock(params TimeSpan[] timeouts)
        : base(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero))
    {
        _timeouts = new HashSet<TimeSpan>(timeouts);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var handle = new object();
        var timer = new WatchedTimer(this, handle);
        timer.Inner = base.CreateTimer(s => { Disarm(handle); callback(s); }, state, dueTime, period);
        Arm(handle, dueTime);
        return timer;
    }

    /// <summary>Runs the workers to the end, moving the clock whenever all of them are waiting.</summary>
    public async Task RunAsync(IReadOnlyList<Func<Task>> workers)
    {
        var tasks = workers.Select(w => Task.Run(w)).ToList();
        foreach (var task in tasks)
        {
            _ = task.ContinueWith(_ => Signal(), TaskScheduler.Default);
        }

        while (true)
        {
            Task changed;
            DateTimeOffset? next = null;
            lock (_gate)
            {
                changed = _changed.Task;
                var running = tasks.Count(t => !t.IsCompleted);
                if (running == 0)
                {
                    break;
                }

                if (_waits.Count >= running)
                {
                    next = _waits.Values.Min();
                }
            }

            if (next is { } due)
            {
                var step = due - GetUtcNow();
                Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
                if (step <= TimeSpan.Zero)
                {
                    await changed.WaitAsync(TimeSpan.FromSeconds(30));
                }

                continue;
            }

            await changed.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await Task.WhenAll(tasks);
    }

    private void Arm(object handle, TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (dueTime <= TimeSpan.Zero || dueTime == Timeout.InfiniteTimeSpan || _timeouts.Contains(dueTime))
            {
                _waits.Remove(handle);
            }
            else
            {
                _waits[handle] = GetUtcNow() + dueTime;
            }
        }

        Signal();
    }

    private void Disarm(object handle)
    {
        lock (_gate)
        {
            _waits.Remove(handle);
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    private sealed class WatchedTimer(QuiescentClock clock, object handle) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = Inner.Change(dueTime, period);
            clock.Arm(handle, dueTime);
            return changed;
        }

        public void Dispose()
        {
            Inner.Dispose();
            clock.Disarm(handle);
        }

        public ValueTask DisposeAsync()
        {
            clock.Disarm(handle);
            return Inner.DisposeAsync();
        }
    }
}
