using System;

namespace PartnerRelationships.Core.Collections;

/// <summary>What became of one item of a batch: its result, or the failure that stopped it (never both).</summary>
public sealed record ItemOutcome<TItem, TResult>(TItem Item, TResult? Result, Exception? Error)
{
    public bool Succeeded => Error is null;
}
