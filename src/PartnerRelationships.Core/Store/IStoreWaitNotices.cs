using System;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// A store that can be kept waiting by another process (a file lock, a row lock) and says so: <see cref="Waiting"/> is
/// told once per operation that has to wait (from the waiting thread), and the operation gives up with StoreBusy once
/// <see cref="BusyBudget"/> has passed.
/// </summary>
public interface IStoreWaitNotices
{
    Action<string>? Waiting { get; set; }

    TimeSpan BusyBudget { get; set; }
}
