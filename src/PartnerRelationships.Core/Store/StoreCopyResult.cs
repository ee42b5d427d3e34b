using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Store;

/// <summary>What a copy did, invite by invite counted by outcome.</summary>
public sealed record StoreCopyResult
{
    public int Added { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }

    /// <summary>Invites the destination holds with a different history: left as they were.</summary>
    public IReadOnlyList<Guid> Conflicts { get => _conflicts; init => _conflicts = ExportableList<Guid>.Of(value); }

    private readonly IReadOnlyList<Guid> _conflicts = ExportableList<Guid>.Empty;

    public int HistoryEntriesRead { get; init; }

    public int Total => Added + Updated + Unchanged + Conflicts.Count;
}
