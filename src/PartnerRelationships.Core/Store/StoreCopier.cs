using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Copies every invite and its whole history from one store to another (SQLite to PostgreSQL and back). Each invite
/// is written in one transaction, so an interrupted copy leaves whole invites only and a re-run with merging on
/// picks up where it stopped without doubling anything.
/// </summary>
public static class StoreCopier
{
    public static async Task<StoreCopyResult> CopyAsync(
        IRelationshipStore source,
        IRelationshipStore destination,
        bool mergeIntoExisting,
        IProgress<StoreCopyProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        if (destination is not IRelationshipStoreImport import)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreCopyNotSupported,
                ErrorKind.NotImplemented,
                $"The destination store ({destination.GetType().Name}) cannot take a copy. Copy into a SQLite or PostgreSQL store.",
                destination.GetType().Name);
        }

        if (!mergeIntoExisting && await HasAnyInviteAsync(destination, cancellationToken).ConfigureAwait(false))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreCopyDestinationNotEmpty,
                ErrorKind.ResourceExists,
                $"The destination store already holds invites. Use -{ParameterNames.Force} to merge into it by invite id (invites it already " +
                "has are brought up to date, never doubled), or copy into an empty store.");
        }

        var total = await CountAsync(source, cancellationToken).ConfigureAwait(false);
        progress?.Report(new StoreCopyProgress(0, total, null));

        int added = 0, updated = 0, unchanged = 0, historyRead = 0, done = 0;
        var conflicts = new List<Guid>();
        await foreach (var invite in source.QueryInvitesAsync(new InviteQuery(), cancellationToken).ConfigureAwait(false))
        {
            var history = await source.GetHistoryAsync(invite.Id, cancellationToken).ConfigureAwait(false);
            historyRead += history.Count;
            var outcome = await import.ImportInviteAsync(invite, history, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case ImportOutcome.Added:
                    added++;
                    break;
                case ImportOutcome.Updated:
                    updated++;
                    break;
                case ImportOutcome.Unchanged:
                    unchanged++;
                    break;
                default:
                    conflicts.Add(invite.Id);
                    break;
            }

            done++;
            progress?.Report(new StoreCopyProgress(done, Math.Max(total, done), invite.CustomerName));
        }

        return new StoreCopyResult
        {
            Added = added,
            Updated = updated,
            Unchanged = unchanged,
            Conflicts = conflicts,
            HistoryEntriesRead = historyRead,
        };
    }

    private static async Task<bool> HasAnyInviteAsync(IRelationshipStore store, CancellationToken cancellationToken)
    {
        await foreach (var _ in store.QueryInvitesAsync(new InviteQuery(), cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    private static async Task<int> CountAsync(IRelationshipStore store, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in store.QueryInvitesAsync(new InviteQuery(), cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }
}
