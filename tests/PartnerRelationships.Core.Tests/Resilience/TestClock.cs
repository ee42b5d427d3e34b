using Microsoft.Extensions.Time.Testing;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>
/// A fake clock that also reports every timer created on it, so a test can wait (without sleeping) until the code
/// under test is actually waiting, see how long it asked to wait, and then advance exactly that far.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private readonly object _gate = new();
    private readonly List<TimeSpan> _timers = new();
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cursor;

    public TestClock()
        : base(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Due times of every timer created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Timers
    {
        get
        {
            lock (_gate)
            {
                return _timers.ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Record(dueTime);
        return timer;
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return; // Created disarmed (CancellationTokenSource does this, then calls Change).
        }

        TaskCompletionSource signal;
        lock (_gate)
        {
            _timers.Add(dueTime);
            signal = _created;
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private sealed class ObservedTimer(ITimer inner, TestClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>
    /// Waits for the next timer (after the ones already consumed) whose due time matches; returns null when
    /// <paramref name="until"/> completes first.
    /// </summary>
    public async Task<TimeSpan?> NextTimerAsync(Func<TimeSpan, bool> match, Task? until = null)
    {
        while (true)
        {
            Task created;
            lock (_gate)
            {
                while (_cursor < _timers.Count)
                {
                    var due = _timers[_cursor++];
                    if (match(due))
                    {
                        return due;
                    }
                }

                created = _created.Task;
            }

            var waits = until is null ? new[] { created } : new[] { created, until };
            var done = await Task.WhenAny(waits).WaitAsync(Guard);
            if (done == until)
            {
                return null;
            }
        }
    }

    /// <summary>Advances through every matching wait until <paramref name="task"/> completes; returns the waits.</summary>
    public async Task<List<TimeSpan>> DriveAsync(Task task, Func<TimeSpan, bool> match)
    {
        var waits = new List<TimeSpan>();
        while (!task.IsCompleted)
        {
            var due = await NextTimerAsync(match, task);
            if (due is null)
            {
                break;
            }

            waits.Add(due.Value);
            Advance(due.Value);
        }

        return waits;
    }
}
