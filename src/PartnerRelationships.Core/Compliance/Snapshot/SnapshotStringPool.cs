using System;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>
/// One string instance per distinct value for one collection: the same tenant id, customer name and relationship id
/// arrive separately from the store, the Graph listing and Partner Center (and statuses like "reseller" once per
/// record), so without this a large partner's snapshot holds each of them two or three times.
/// The table is a plain array of the strings themselves (open addressing, at most half full): 16 bytes per string
/// where a dictionary took 28, so at a large partner's 400,000 distinct strings it and its growth leave about half the
/// large-object-heap garbage. Not thread-safe: the collector takes a lock around it.
/// </summary>
internal sealed class SnapshotStringPool
{
    private const int InitialSlots = 1024;

    // Ordinal: two spellings that differ only in case stay distinct, so what the rules print is what the source said.
    private string?[] _slots = new string?[InitialSlots];

    public int Count { get; private set; }

    public string Share(string value)
    {
        if (value.Length == 0)
        {
            return "";
        }

        var mask = _slots.Length - 1;
        for (var i = StringComparer.Ordinal.GetHashCode(value) & mask; ; i = (i + 1) & mask)
        {
            var held = _slots[i];
            if (held is null)
            {
                _slots[i] = value;
                if (++Count * 2 > _slots.Length)
                {
                    Grow();
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

    /// <summary>Lets go of the table (the shared strings stay with whoever holds them); the pool is empty afterwards.</summary>
    public void Clear()
    {
        _slots = new string?[InitialSlots];
        Count = 0;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new string?[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var value in old)
        {
            if (value is null)
            {
                continue;
            }

            var i = StringComparer.Ordinal.GetHashCode(value) & mask;
            while (_slots[i] is not null)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = value;
        }
    }
}
