using System.Collections.Generic;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>PR006: access assignments the service reports in error (the roles were not granted).</summary>
public sealed class AccessAssignmentInErrorRule : ComplianceRule
{
    public AccessAssignmentInErrorRule()
        : base(ComplianceRuleIds.AccessAssignmentInError, nameof(ComplianceRuleIds.AccessAssignmentInError), RuleSeverities.AccessAssignmentInError,
            "Access assignments in error: the security group did not get the relationship's roles.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        foreach (var r in snapshot.Relationships)
        {
            if (r.AccessAssignments is not { } assignments)
            {
                continue;
            }

            foreach (var a in assignments)
            {
                if (!a.IsInError)
                {
                    continue;
                }

                var customer = Customer(snapshot.CustomerNameOf(r.CustomerTenantId, r.CustomerName), r.CustomerTenantId);
                yield return About(r, snapshot, $"assignment/{r.Id}/{a.Id}",
                    $"The access assignment for security group {a.SecurityGroupId} in relationship '{r.DisplayName}' with {customer} is in error: " +
                    "its members did not get the roles.",
                    "Update the assignment to apply its roles again, or delete it and create it again; if it stays in error, open a Partner Center support request.");
            }
        }
    }
}
