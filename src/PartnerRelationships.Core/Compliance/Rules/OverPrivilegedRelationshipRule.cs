using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>PR004: live relationships that grant Global Administrator or a role on <c>compliance.forbiddenRoles</c>.</summary>
public sealed class OverPrivilegedRelationshipRule : ComplianceRule
{
    public OverPrivilegedRelationshipRule()
        : base(ComplianceRuleIds.OverPrivilegedRelationship, nameof(ComplianceRuleIds.OverPrivilegedRelationship), RuleSeverities.OverPrivilegedRelationship,
            "Relationships (active or awaiting approval) that grant Global Administrator or a role on compliance.forbiddenRoles.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        foreach (var r in snapshot.Relationships)
        {
            if (!r.IsLive)
            {
                continue;
            }

            // Most relationships grant nothing forbidden: look before building the list of names.
            if (!GrantsForbiddenRole(r, context))
            {
                continue;
            }

            var forbidden = r.Roles.Where(context.IsForbidden).Select(ComplianceRoles.NameOf).ToList();

            var customer = Customer(snapshot.CustomerNameOf(r.CustomerTenantId, r.CustomerName), r.CustomerTenantId);
            var state = r.IsActive ? "grants" : "asks for";
            var hasGlobalAdmin = r.Roles.Any(id => string.Equals(id, ComplianceRoles.GlobalAdministrator, System.StringComparison.OrdinalIgnoreCase));
            yield return About(r, snapshot, RelationshipSubject(r),
                $"Relationship '{r.DisplayName}' with {customer} {state} {string.Join(", ", forbidden)}" +
                (r.Status == RelationshipStatus.Active ? "." : $" (status {r.Status})."),
                (hasGlobalAdmin ? "Global Administrator is rarely needed for day-to-day support. " : "") +
                "Ask the customer to approve a new relationship with least-privilege roles, move your access assignments to it, " +
                "then end this one (the roles of a relationship can't be changed after it is created).");
        }
    }

    private static bool GrantsForbiddenRole(ComplianceRelationship r, ComplianceContext context)
    {
        for (var i = 0; i < r.Roles.Count; i++)
        {
            if (context.IsForbidden(r.Roles[i]))
            {
                return true;
            }
        }

        return false;
    }
}
