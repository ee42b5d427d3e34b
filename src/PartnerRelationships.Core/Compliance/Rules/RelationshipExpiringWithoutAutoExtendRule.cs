using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>PR002: active relationships that end within <c>compliance.expiringWithinDays</c> and will not auto-extend.</summary>
public sealed class RelationshipExpiringWithoutAutoExtendRule : ComplianceRule
{
    public RelationshipExpiringWithoutAutoExtendRule()
        : base(ComplianceRuleIds.RelationshipExpiringWithoutAutoExtend, nameof(ComplianceRuleIds.RelationshipExpiringWithoutAutoExtend),
            RuleSeverities.RelationshipExpiringWithoutAutoExtend,
            "Active relationships ending within compliance.expiringWithinDays without auto-extend.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        var window = TimeSpan.FromDays(context.Settings.ExpiringWithinDays);
        foreach (var r in snapshot.Relationships)
        {
            if (!r.IsActive || r.AutoExtendDuration > TimeSpan.Zero || r.EndDateTime is not { } end || end - context.Now > window)
            {
                continue;
            }

            var left = end - context.Now;
            var customer = Customer(snapshot.CustomerNameOf(r.CustomerTenantId, r.CustomerName), r.CustomerTenantId);
            var hasGlobalAdmin = r.Roles.Contains(ComplianceRoles.GlobalAdministrator, StringComparer.OrdinalIgnoreCase);
            yield return About(r, snapshot, RelationshipSubject(r),
                $"Relationship '{r.DisplayName}' with {customer} ends on {Date(end)} " +
                (left > TimeSpan.Zero ? $"(in {Days(left)})" : "(today)") + " and does not auto-extend.",
                hasGlobalAdmin
                    ? $"Global Administrator rules out auto-extend: ask the customer to approve a new relationship with least-privilege roles before {Date(end)}."
                    : $"Turn on auto-extend (180 days) for the relationship, or ask the customer to approve a new one before {Date(end)}.");
        }
    }
}
