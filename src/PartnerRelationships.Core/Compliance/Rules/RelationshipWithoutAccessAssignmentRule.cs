using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>PR005: active relationships whose roles are assigned to no security group, so nobody can use them.</summary>
public sealed class RelationshipWithoutAccessAssignmentRule : ComplianceRule
{
    public RelationshipWithoutAccessAssignmentRule()
        : base(ComplianceRuleIds.RelationshipWithoutAccessAssignment, nameof(ComplianceRuleIds.RelationshipWithoutAccessAssignment),
            RuleSeverities.RelationshipWithoutAccessAssignment,
            "Active relationships with no access assignment: nobody in the partner organisation can use them.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        foreach (var r in snapshot.Relationships)
        {
            // Assignments in error are PR006's finding; deleted ones grant nothing.
            if (!r.IsActive || r.AccessAssignments is not { } assignments || assignments.Any(a => !a.IsGone))
            {
                continue;
            }

            var customer = Customer(snapshot.CustomerNameOf(r.CustomerTenantId, r.CustomerName), r.CustomerTenantId);
            yield return About(r, snapshot, RelationshipSubject(r),
                $"Relationship '{r.DisplayName}' with {customer} is active, but no security group is assigned its roles: nobody can use it.",
                "Assign the relationship's roles to one of your security groups (an access assignment), or end the relationship if it is not needed.");
        }
    }
}
