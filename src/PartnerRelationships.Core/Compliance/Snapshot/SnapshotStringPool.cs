using System;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>
/// One string instance per distinct value for one collection: the same tenant id, customer name and relationship id
/// arrive separately from the store, the Graph listing and Partner Center (and statuses like "reseller" once per
/// record), so without this a large partner's snapshot holds each of them two or three times.
/// The table is plain arrays of the strings themselves (open addressing, at most half full): 16 bytes per string
/// where a dictionary took 28. It is split into <see cref="Segments"/> tables chosen by the hash's top bits, each
/// growing on its own, so that no table reaches the large-object heap below about a million strings: one table
/// doubled to 8 MB at a large partner's 400,000 strings and left 8 MB more of large-object garbage on the way, which
/// only a full collection frees. Not thread-safe: the collector takes a lock around it.
/// </summary>
internal sealed class SnapshotStringPool
{
    public const int Segments = 1 << SegmentBits;

    private const int SegmentBits = 8;
    private const int InitialSlotsPerSegment = 16;

    // Ordinal: two spellings that differ only in case stay distinct, so what the rules print is what the source said.
    private readonly string?[][] _segments = new string?[Segments][];
    private readonly int[] _counts = new int[Segments];

    public SnapshotStringPool() => Clear();

    public int Count { get; private set; }

    /// <summary>The largest table's length in slots (for tests: every table stays below the large-object heap).</summary>
    public int LargestSegmentSlots
    {
        get
        {
            var largest = 0;
            foreach (var segment in _segments)
            {
                largest = Math.Max(largest, segment.Length);
            }

            return largest;
        }
    }

    public string Share(string value)
    {
        if (value.Length == 0)
        {
            return "";
        }

        var hash = StringComparer.Ordinal.GetHashCode(value);
        var s = (int)((uint)hash >> (32 - SegmentBits));
        var slots = _segments[s];
        var mask = slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var held = slots[i];
            if (held is null)
            {
                slots[i] = value;
                Count++;
                if (++_counts[s] * 2 > slots.Length)
                {
                    _segments[s] = Grown(slots);
                }

                return value;
            }

            if (string.Equals(held, value, StringComparison.Ordinal))
            {
                return held;
            }
        }
    }

    public string? ShareOrNull(string? value) => value is null ? null : Share(value);

    /// <summary>Lets go of the tables (the shared strings stay with whoever holds them); the pool is empty afterwards.</summary>
    public void Clear()
    {
        for (var s = 0; s < Segments; s++)
        {
            _segments[s] = new string?[InitialSlotsPerSegment];
            _counts[s] = 0;
        }

        Count = 0;
    }

    private static string?[] Grown(string?[] old)
    {
        var slots = new string?[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var value in old)
        {
            if (value is null)
            {
                continue;
            }

            var i = StringComparer.Ordinal.GetHashCode(value) & mask;
            while (slots[i] is not null)
            {
                i = (i + 1) & mask;
            }

            slots[i] = value;
        }

        return slots;
    }
}
