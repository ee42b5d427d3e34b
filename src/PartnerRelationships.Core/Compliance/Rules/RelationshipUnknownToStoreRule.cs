using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>PR007 (drift): live relationships at the service that no invite in the store refers to.</summary>
public sealed class RelationshipUnknownToStoreRule : ComplianceRule
{
    public RelationshipUnknownToStoreRule()
        : base(ComplianceRuleIds.RelationshipUnknownToStore, nameof(ComplianceRuleIds.RelationshipUnknownToStore), RuleSeverities.RelationshipUnknownToStore,
            "Relationships at the service (active or awaiting approval) that the store has no record of.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        var knownIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var knownNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var invite in snapshot.Invites)
        {
            if (invite.RelationshipId is { } id)
            {
                knownIds.Add(id);
            }

            if (invite.RelationshipDisplayName is { } name)
            {
                knownNames.Add(name);
            }
        }

        foreach (var r in snapshot.Relationships)
        {
            // Ended relationships made before the store existed are history, not drift.
            if (!r.IsLive || knownIds.Contains(r.Id) || knownNames.Contains(r.DisplayName))
            {
                continue;
            }

            var customer = Customer(snapshot.CustomerNameOf(r.CustomerTenantId, r.CustomerName), r.CustomerTenantId);
            yield return About(r, snapshot, RelationshipSubject(r),
                $"Relationship '{r.DisplayName}' with {customer} ({r.Status}) exists at the service, but the store has no record of it.",
                "It was probably created outside PartnerRelationships (e.g. in Partner Center). Find out who created it and why; " +
                "record it in the store so sync and reports track it, or end it if nobody needs it.");
        }
    }
}
