using System;

namespace PartnerRelationships.Core.Compliance;

/// <summary>
/// A full, compacting garbage collection at the two points where a large run has just let go of most of what it held:
/// when the snapshot is complete (the collection's string table, pages and buffers are garbage) and when the rules
/// have run (the whole snapshot is). Left to its own schedule, the runtime collects that garbage only after the next
/// phase has allocated on top of it, so the process's peak was the sum of both; at 100,000 customers an induced
/// collection at each point keeps the peak working set about 20 MB lower (bench/README.md). A runbook's worker has a
/// memory limit; a blocking collection of a heap this size takes a fraction of a second in a run of minutes.
/// </summary>
internal static class InducedCollection
{
    /// <summary>Below this many snapshot items (invites, relationships and customers) the garbage is a few MB: the runtime's schedule is better.</summary>
    public const int MinimumItems = 20_000;

    public static bool IsWorthIt(int snapshotItems) => snapshotItems >= MinimumItems;

    /// <returns>Whether it collected.</returns>
    public static bool AfterDropping(int snapshotItems)
    {
        if (!IsWorthIt(snapshotItems))
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return true;
    }
}
