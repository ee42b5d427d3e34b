using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Collections;

/// <summary>
/// Strings kept as characters in shared blocks instead of one object each, and made into strings again when read.
/// A listing that must hold 100,000 names and ids until it can hand them out holds a few hundred arrays without
/// references for the garbage collector to trace or promote, instead of hundreds of thousands of objects.
/// Not thread-safe.
/// </summary>
internal sealed class TextArena
{
    // 32,768 characters: 64 KB a block, below the large-object heap's 85,000 bytes. A longer text gets a block of its own.
    private const int BlockLength = 32 * 1024;

    private readonly List<char[]> _blocks = new();
    private int _used = BlockLength;

    public TextRef Add(string? text)
    {
        if (text is null) return TextRef.Null;
        if (text.Length == 0) return new TextRef(0, 0, 0);
        if (text.Length > BlockLength)
        {
            _blocks.Add(text.ToCharArray());
            _used = BlockLength; // The next text starts a new block: this one is full.
            return new TextRef(_blocks.Count - 1, 0, text.Length);
        }

        if (_used + text.Length > BlockLength)
        {
            _blocks.Add(new char[BlockLength]);
            _used = 0;
        }

        var block = _blocks.Count - 1;
        text.CopyTo(0, _blocks[block], _used, text.Length);
        var added = new TextRef(block, _used, text.Length);
        _used += text.Length;
        return added;
    }

    /// <summary>Forgets every text (references made before are no longer valid); keeps one block for reuse.</summary>
    public void Clear()
    {
        var reuse = _blocks.Count > 0 && _blocks[0].Length == BlockLength ? _blocks[0] : null;
        _blocks.Clear();
        if (reuse is not null) _blocks.Add(reuse);
        _used = reuse is null ? BlockLength : 0;
    }

    public string? Get(TextRef text) => text.Length switch
    {
        < 0 => null,
        0 => "",
        _ => new string(_blocks[text.Block], text.Start, text.Length),
    };
}
