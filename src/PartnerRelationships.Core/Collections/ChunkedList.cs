using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Collections;

/// <summary>
/// An append-only list of values in fixed blocks of <c>1 &lt;&lt; blockShift</c>: adding never copies what is held
/// (a List's doubling would leave its old arrays on the large-object heap), and a caller picks the shift that keeps a
/// block below the large-object heap's 85,000 bytes. Items are read and changed in place by reference. Not thread-safe.
/// </summary>
internal sealed class ChunkedList<T> where T : struct
{
    private readonly int _shift;
    private readonly int _mask;
    private readonly List<T[]> _blocks = new();

    public ChunkedList(int blockShift)
    {
        if (blockShift is < 1 or > 20) throw new ArgumentOutOfRangeException(nameof(blockShift));
        _shift = blockShift;
        _mask = (1 << blockShift) - 1;
    }

    public int Count { get; private set; }

    /// <summary>Adds the item; returns its index.</summary>
    public int Add(in T item)
    {
        var block = Count >> _shift;
        if (block == _blocks.Count)
        {
            _blocks.Add(new T[_mask + 1]);
        }
        else if (_blocks[block].Length == (Count & _mask))
        {
            // A block trimmed by TrimExcess: back to full size before it takes more.
            var full = new T[_mask + 1];
            Array.Copy(_blocks[block], full, _blocks[block].Length);
            _blocks[block] = full;
        }

        _blocks[block][Count & _mask] = item;
        return Count++;
    }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _blocks[index >> _shift][index & _mask];
        }
    }

    /// <summary>Forgets every item; keeps the first block for reuse.</summary>
    public void Clear()
    {
        if (_blocks.Count > 1) _blocks.RemoveRange(1, _blocks.Count - 1);
        if (_blocks.Count == 1) Array.Clear(_blocks[0], 0, _blocks[0].Length);
        Count = 0;
    }

    /// <summary>Lets go of the unused part of the last block.</summary>
    public void TrimExcess()
    {
        var used = Count & _mask;
        if (used != 0)
        {
            var last = _blocks.Count - 1;
            var trimmed = new T[used];
            Array.Copy(_blocks[last], trimmed, used);
            _blocks[last] = trimmed;
        }

        _blocks.TrimExcess();
    }
}
