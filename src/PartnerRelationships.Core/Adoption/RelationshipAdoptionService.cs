using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Adoption;

/// <summary>
/// Brings what the service already has into the store as a recorded baseline: every GDAP relationship and every
/// reseller customer the store has no record of, marked <see cref="InviteOrigin.Adopted"/>, with the service's own
/// times. <see cref="FindAsync"/> only reads (what -WhatIf shows); <see cref="RecordAsync"/> writes in batches, each
/// record at most once even when several workers adopt at the same time.
/// </summary>
public sealed class RelationshipAdoptionService
{
    public const string Activity = "Adopting the service's relationships into the store";

    /// <summary>Records per store transaction: one durable write per batch rather than per record.</summary>
    public const int BatchSize = 100;

    private static readonly InviteStatus[] OpenStatuses = { InviteStatus.Pending, InviteStatus.Accepted, InviteStatus.AdminRemoved };

    private readonly IRelationshipStore _store;
    private readonly IGraphGdapClient _graphGdap;
    private readonly IPartnerCenterClient _partnerCenter;
    private readonly TimeProvider _clock;

    public RelationshipAdoptionService(IRelationshipStore store, IGraphGdapClient graphGdap, IPartnerCenterClient partnerCenter, TimeProvider clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Whether this store can record adopted relationships.</summary>
    public bool CanRecord => _store is IRelationshipAdoptionStore;

    /// <summary>What the service has and the store does not know, in the service's order; writes nothing.</summary>
    public async Task<IReadOnlyList<AdoptionCandidate>> FindAsync(AdoptionOptions? options, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        options ??= new AdoptionOptions();
        var filter = new Compliance.CustomerScope(options.Customers);
        var now = _clock.GetUtcNow();

        progress?.Report(new WorkProgress(Activity, "Reading the store's records", 0, null));
        var knownRelationshipIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var knownDisplayNames = new HashSet<string>(StringComparer.Ordinal);
        var openResellerTenants = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var invite in _store.QueryInvitesAsync(new InviteQuery(), cancellationToken).ConfigureAwait(false))
        {
            if (invite.RelationshipId is { } id)
            {
                knownRelationshipIds.Add(id);
            }

            if (invite.RelationshipDisplayName is { } name)
            {
                knownDisplayNames.Add(name);
            }

            if (invite.Kind == InviteKind.Reseller && invite.CustomerTenantId is { } tenant && OpenStatuses.Contains(invite.Status))
            {
                openResellerTenants.Add(tenant);
            }
        }

        var candidates = new List<AdoptionCandidate>();
        if (options.Kind is null or InviteKind.GranularAdmin)
        {
            var listed = 0;
            await foreach (var r in _graphGdap.ListRelationshipsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                if (++listed % 500 == 0)
                {
                    progress?.Report(new WorkProgress(Activity, $"Listing GDAP relationships ({listed})", listed, null));
                }

                if (knownRelationshipIds.Contains(r.Id) || knownDisplayNames.Contains(r.DisplayName) || !filter.Matches(r.CustomerTenantId, r.CustomerName)
                    || (!options.IncludeEnded && IsEnded(r.Status)))
                {
                    continue;
                }

                candidates.Add(AdoptedRecords.ForGranular(r, now));
            }
        }

        if (options.Kind is null or InviteKind.Reseller)
        {
            var listed = 0;
            await foreach (var c in _partnerCenter.ListCustomersAsync(PartnerCenterClient.WholeListPageSize, cancellationToken).ConfigureAwait(false))
            {
                if (++listed % 500 == 0)
                {
                    progress?.Report(new WorkProgress(Activity, $"Listing Partner Center customers ({listed})", listed, null));
                }

                if (!string.Equals(c.RelationshipToPartner, "reseller", StringComparison.OrdinalIgnoreCase)
                    || openResellerTenants.Contains(c.TenantId) || !filter.Matches(c.TenantId, c.CompanyName))
                {
                    continue;
                }

                candidates.Add(AdoptedRecords.ForReseller(c, now));
            }
        }

        return candidates;
    }

    /// <summary>Writes the candidates in batches; outputs each with what happened, in order.</summary>
    public async IAsyncEnumerable<AdoptedRelationship> RecordAsync(
        IReadOnlyList<AdoptionCandidate> candidates,
        IProgress<WorkProgress>? progress,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (candidates is null)
        {
            throw new ArgumentNullException(nameof(candidates));
        }

        var store = _store as IRelationshipAdoptionStore
                    ?? throw new InvalidOperationException("This store cannot record adopted relationships.");
        for (var start = 0; start < candidates.Count; start += BatchSize)
        {
            var batch = candidates.Skip(start).Take(BatchSize).ToList();
            progress?.Report(new WorkProgress(Activity, $"Recording {start + batch.Count} of {candidates.Count}", start, candidates.Count));
            var written = await store.AdoptAsync(batch.Select(c => c.Record).ToList(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                yield return AdoptedRelationship.From(batch[i], written[i] ? AdoptionOutcome.Adopted : AdoptionOutcome.AlreadyRecorded);
            }
        }

        progress?.Report(new WorkProgress(Activity, $"Recorded {candidates.Count}", candidates.Count, candidates.Count));
    }

    private static bool IsEnded(RelationshipStatus status) => status is RelationshipStatus.Terminated or RelationshipStatus.Expired;
}
