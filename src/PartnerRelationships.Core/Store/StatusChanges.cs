using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Store;

/// <summary>Argument checks shared by every store's batch of compare-and-set changes.</summary>
public static class StatusChanges
{
    /// <summary>Throws before any change is applied, so a bad batch never half-applies.</summary>
    public static void Require(IReadOnlyList<StatusChange> changes)
    {
        if (changes is null)
        {
            throw new ArgumentNullException(nameof(changes));
        }

        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i] is null)
            {
                throw new ArgumentException($"Change {i} of the batch is null.", nameof(changes));
            }
        }
    }
}
