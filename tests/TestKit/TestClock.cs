using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace PartnerRelationships.TestKit;

/// <summary>
/// The one fake clock of the tests: a <see cref="FakeTimeProvider"/> that also watches every timer armed on it, so no
/// test ever sleeps. Three ways to move it:
/// <list type="bullet">
/// <item>By hand (<c>new TestClock()</c>): wait until the code under test is actually waiting
/// (<see cref="NextTimerAsync"/>), see how long it asked for, and advance exactly that far (<see cref="DriveAsync"/>).</item>
/// <item>Skipping each wait as it is armed (<see cref="AutoAdvancing(TimeSpan[])"/>): a retry backoff, a Retry-After,
/// injected latency pass at once. <see cref="OnWait"/> lets a test act at a given wait.</item>
/// <item>When a closed set of workers all wait (<see cref="RunAsync"/>): concurrent waits overlap instead of adding up,
/// so rates against a throttle come out as they would for real.</item>
/// </list>
/// Timers whose due time is one of the given timeouts are not waits (a per-attempt timeout is armed while the request
/// is being answered): they fire only when something else moves the clock past them.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    /// <summary>Where every test clock starts unless told otherwise.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private readonly HashSet<TimeSpan> _timeouts;
    private readonly bool _autoAdvance;
    private readonly object _gate = new();
    private readonly List<TimeSpan> _timers = new();
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private readonly Dictionary<object, DateTimeOffset> _pending = new();
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cursor;

    /// <summary>A clock moved by hand (or by <see cref="RunAsync"/>); <paramref name="timeouts"/> are not waits.</summary>
    public TestClock(params TimeSpan[] timeouts)
        : this(DefaultStart, timeouts)
    {
    }

    /// <summary>A clock moved by hand (or by <see cref="RunAsync"/>) from <paramref name="start"/>.</summary>
    public TestClock(DateTimeOffset start, params TimeSpan[] timeouts)
        : this(start, autoAdvance: false, timeouts)
    {
    }

    private TestClock(DateTimeOffset start, bool autoAdvance, TimeSpan[] timeouts)
        : base(start)
    {
        _autoAdvance = autoAdvance;
        _timeouts = new HashSet<TimeSpan>(timeouts);
    }

    /// <summary>A clock whose waits complete at once: arming a wait moves the clock forward by its due time.</summary>
    public static TestClock AutoAdvancing(params TimeSpan[] timeouts) => new(DefaultStart, autoAdvance: true, timeouts);

    /// <summary>A clock from <paramref name="start"/> whose waits complete at once.</summary>
    public static TestClock AutoAdvancing(DateTimeOffset start, params TimeSpan[] timeouts) => new(start, autoAdvance: true, timeouts);

    /// <summary>Due times of every timer armed so far (timeouts and zero included), in order.</summary>
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

    /// <summary>Every wait an auto-advancing clock skipped, in the order the timers were armed.</summary>
    public IReadOnlyList<TimeSpan> Waits => _waits.ToList();

    /// <summary>
    /// Auto-advancing clocks only: called as each wait is armed, before the clock moves, with the wait's 1-based number
    /// and due time (a customer approving at the third poll; another clock moved along).
    /// </summary>
    public Action<int, TimeSpan>? OnWait { get; set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var handle = new object();
        var timer = new WatchedTimer(this, handle);
        timer.Inner = base.CreateTimer(s => { Disarm(handle); callback(s); }, state, dueTime, period);
        Armed(handle, dueTime);
        return timer;
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

    /// <summary>
    /// Runs the workers to the end, moving the clock to the earliest armed wait whenever every running worker is
    /// waiting on one, as real time would if the work took no time. For a clock moved by hand.
    /// </summary>
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

                if (_pending.Count >= running)
                {
                    next = _pending.Values.Min();
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

    private bool IsWait(TimeSpan dueTime) =>
        dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && !_timeouts.Contains(dueTime);

    private void Armed(object handle, TimeSpan dueTime)
    {
        TaskCompletionSource? created = null;
        int waitNumber = 0;
        lock (_gate)
        {
            // Created disarmed (CancellationTokenSource does this, then calls Change): not a timer yet.
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _timers.Add(dueTime);
                created = _created;
                _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (IsWait(dueTime))
            {
                _pending[handle] = GetUtcNow() + dueTime;
                if (_autoAdvance)
                {
                    _waits.Enqueue(dueTime);
                    waitNumber = _waits.Count;
                }
            }
            else
            {
                _pending.Remove(handle);
            }
        }

        created?.TrySetResult();
        Signal();
        if (waitNumber > 0)
        {
            OnWait?.Invoke(waitNumber, dueTime);
            // Not inline: the caller has not stored its timer yet, and the callback may need it.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }
    }

    private void Disarm(object handle)
    {
        lock (_gate)
        {
            _pending.Remove(handle);
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

    private sealed class WatchedTimer(TestClock clock, object handle) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = Inner.Change(dueTime, period);
            clock.Armed(handle, dueTime);
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
