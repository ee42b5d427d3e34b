using System.Collections.Concurrent;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Templates;

/// <summary>
/// The waiter's clock in tests: reads the sandbox clock, and every timer it arms moves the sandbox clock by the due
/// time and fires at once, so a wait of hours takes no real time. Each wait is recorded, and <see cref="OnWait"/> lets a
/// test act (a customer approving) at a given wait.
/// </summary>
internal sealed class SteppingClock(SandboxClock sandbox) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public IReadOnlyList<TimeSpan> Waits => _waits.ToList();

    public Action<int>? OnWait { get; set; }

    public override DateTimeOffset GetUtcNow() => sandbox.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
            sandbox.Advance(dueTime);
            OnWait?.Invoke(_waits.Count);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
