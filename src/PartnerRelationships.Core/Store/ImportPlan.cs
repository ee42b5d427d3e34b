using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// How one imported invite merges with what a store holds, decided the same way by every store: history is compared
/// entry by entry (sequence numbers are each store's own and are not compared) and only ever appended.
/// </summary>
internal sealed class ImportPlan
{
    private ImportPlan(ImportOutcome outcome, IReadOnlyList<InviteHistoryEntry> append, bool writeInvite)
    {
        Outcome = outcome;
        Append = append;
        WriteInvite = writeInvite;
    }

    public ImportOutcome Outcome { get; }

    /// <summary>History entries to append, oldest first.</summary>
    public IReadOnlyList<InviteHistoryEntry> Append { get; }

    /// <summary>Whether the invite row is written (inserted or replaced) with the imported one.</summary>
    public bool WriteInvite { get; }

    public static ImportPlan Decide(
        ResellerInvite? existing,
        IReadOnlyList<InviteHistoryEntry> existingHistory,
        ResellerInvite incoming,
        IReadOnlyList<InviteHistoryEntry> incomingHistory)
    {
        if (existing is null)
        {
            return new ImportPlan(ImportOutcome.Added, incomingHistory, writeInvite: true);
        }

        var shared = Math.Min(existingHistory.Count, incomingHistory.Count);
        for (var i = 0; i < shared; i++)
        {
            if (!SameEntry(existingHistory[i], incomingHistory[i]))
            {
                return Nothing(ImportOutcome.Conflict);
            }
        }

        if (incomingHistory.Count > existingHistory.Count)
        {
            // The imported invite went further: append what is missing and take its state.
            return new ImportPlan(ImportOutcome.Updated, incomingHistory.Skip(existingHistory.Count).ToList(), writeInvite: true);
        }

        if (existingHistory.Count > incomingHistory.Count || existing == incoming || existing.Version > incoming.Version)
        {
            // This store is as far or further along.
            return Nothing(ImportOutcome.Unchanged);
        }

        // Same history; a change that writes none (the relationship set) makes the difference.
        return incoming.Version > existing.Version
            ? new ImportPlan(ImportOutcome.Updated, Array.Empty<InviteHistoryEntry>(), writeInvite: true)
            : Nothing(ImportOutcome.Conflict);
    }

    private static ImportPlan Nothing(ImportOutcome outcome) => new(outcome, Array.Empty<InviteHistoryEntry>(), writeInvite: false);

    private static bool SameEntry(InviteHistoryEntry a, InviteHistoryEntry b) =>
        a.FromStatus == b.FromStatus && a.ToStatus == b.ToStatus && a.At.UtcTicks == b.At.UtcTicks && string.Equals(a.Detail, b.Detail, StringComparison.Ordinal);
}
