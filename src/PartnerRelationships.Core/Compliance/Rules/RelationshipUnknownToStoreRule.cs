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
        // Which live relationships some store record names, by id (the snapshot's own index) or by display name (an
        // index of the live ones, sized up front): marks in one array. Two sets of every record's id and name grew to
        // 15 MB on the large-object heap at a large partner (183,000 records) for this rule alone.
        var relationships = snapshot.Relationships;
        var known = new bool[relationships.Count];
        var live = 0;
        foreach (var r in relationships)
        {
            if (r.IsLive) live++;
        }

        var liveByName = new Dictionary<string, int>(live, StringComparer.OrdinalIgnoreCase);
        var nextWithSameName = new int[relationships.Count];
        for (var i = 0; i < relationships.Count; i++)
        {
            if (!relationships[i].IsLive) continue;
            nextWithSameName[i] = liveByName.TryGetValue(relationships[i].DisplayName, out var first) ? first : -1;
            liveByName[relationships[i].DisplayName] = i;
        }

        foreach (var invite in snapshot.Invites)
        {
            var byId = snapshot.IndexOfRelationship(invite.RelationshipId);
            if (byId >= 0) known[byId] = true;
            if (invite.RelationshipDisplayName is { } name && liveByName.TryGetValue(name, out var named))
            {
                for (var i = named; i >= 0; i = nextWithSameName[i]) known[i] = true;
                liveByName.Remove(name); // Every relationship of that name is known now.
            }
        }

        for (var index = 0; index < relationships.Count; index++)
        {
            var r = relationships[index];
            // Ended relationships made before the store existed are history, not drift.
            if (!r.IsLive || known[index])
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
