using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>
/// PR009: a customer with several active relationships where one grants nothing another does not (its roles are a
/// subset). The covered one is reported; with equal roles, the one ending first.
/// </summary>
public sealed class OverlappingActiveRelationshipsRule : ComplianceRule
{
    public OverlappingActiveRelationshipsRule()
        : base(ComplianceRuleIds.OverlappingActiveRelationships, nameof(ComplianceRuleIds.OverlappingActiveRelationships),
            RuleSeverities.OverlappingActiveRelationships,
            "Customers with more than one active relationship where one would do (its roles are covered by another).")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        var byCustomer = snapshot.Relationships
            .Where(r => r.IsActive && r.CustomerTenantId is not null)
            .GroupBy(r => r.CustomerTenantId!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1);

        foreach (var group in byCustomer)
        {
            var relationships = group.ToList();
            foreach (var candidate in relationships)
            {
                var cover = relationships.FirstOrDefault(other => !ReferenceEquals(other, candidate) && Covers(other, candidate));
                if (cover is null)
                {
                    continue;
                }

                var customer = Customer(snapshot.CustomerNameOf(candidate.CustomerTenantId, candidate.CustomerName), candidate.CustomerTenantId);
                yield return About(candidate, snapshot, RelationshipSubject(candidate),
                    $"{customer} has {relationships.Count} active relationships; '{candidate.DisplayName}' grants nothing that '{cover.DisplayName}' does not.",
                    $"Move any access assignments of '{candidate.DisplayName}' to '{cover.DisplayName}', then end '{candidate.DisplayName}': " +
                    "one relationship is easier to audit and renew.");
            }
        }
    }

    /// <summary>Whether <paramref name="other"/> makes <paramref name="candidate"/> redundant (ties broken so only one of a pair is reported).</summary>
    private static bool Covers(ComplianceRelationship other, ComplianceRelationship candidate)
    {
        var candidateRoles = new HashSet<string>(candidate.Roles, StringComparer.OrdinalIgnoreCase);
        var otherRoles = new HashSet<string>(other.Roles, StringComparer.OrdinalIgnoreCase);
        if (!candidateRoles.IsSubsetOf(otherRoles))
        {
            return false;
        }

        if (!candidateRoles.SetEquals(otherRoles))
        {
            return true;
        }

        var candidateEnd = candidate.EndDateTime ?? DateTimeOffset.MaxValue;
        var otherEnd = other.EndDateTime ?? DateTimeOffset.MaxValue;
        return candidateEnd != otherEnd
            ? candidateEnd < otherEnd
            : string.Compare(candidate.Id, other.Id, StringComparison.OrdinalIgnoreCase) > 0;
    }
}
