using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>
/// One string instance per distinct value for one collection: the same tenant id, customer name and relationship id
/// arrive separately from the store, the Graph listing and Partner Center (and statuses like "reseller" once per
/// record), so without this a large partner's snapshot holds each of them two or three times.
/// Not thread-safe: the collector takes a lock around it.
/// </summary>
internal sealed class SnapshotStringPool
{
    // Ordinal: two spellings that differ only in case stay distinct, so what the rules print is what the source said.
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Share(string value)
    {
        if (value.Length == 0)
        {
            return "";
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _strings.Add(value, value);
        return value;
    }

    public string? ShareOrNull(string? value) => value is null ? null : Share(value);
}
