using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>
/// PR003: customers who removed or reassigned the partner's admin permissions, or whose relationship ended, and who
/// have no live relationship left. Signals: Partner Center's delegated-access flag off, a terminated relationship at
/// the service, the store's AdminRemoved/Terminated. A customer who moved from DAP to an active GDAP relationship is
/// not flagged: that is the recommended setup, not a lost permission.
/// </summary>
public sealed class AdminPermissionsRemovedRule : ComplianceRule
{
    public AdminPermissionsRemovedRule()
        : base(ComplianceRuleIds.AdminPermissionsRemoved, nameof(ComplianceRuleIds.AdminPermissionsRemoved), RuleSeverities.AdminPermissionsRemoved,
            "Customers who removed or reassigned your admin permissions or ended the relationship; support obligations continue.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        // One finding per customer (or per invite when the store does not know the tenant), with every reason found.
        var cases = new Dictionary<string, Case>(StringComparer.OrdinalIgnoreCase);
        Case For(string subject, string? tenantId, string? name)
        {
            if (!cases.TryGetValue(subject, out var c))
            {
                c = new Case(tenantId, name);
                cases.Add(subject, c);
            }

            c.Name ??= name;
            return c;
        }

        bool HasLiveRelationship(string? tenantId) => snapshot.RelationshipsOf(tenantId).Any(r => r.IsLive);

        foreach (var customer in snapshot.Customers)
        {
            // Only an explicit false: a customer item without allowDelegatedAccess says nothing about admin rights.
            if (customer.IsResellerCustomer && customer.AllowDelegatedAccess == false && !HasLiveRelationship(customer.TenantId))
            {
                For("customer/" + customer.TenantId, customer.TenantId, customer.Name).Reasons.Add("removed or reassigned your admin permissions");
            }
        }

        var cancelledByPartner = new HashSet<string>(
            snapshot.Invites.Where(i => i.Status == InviteStatus.Cancelled && i.RelationshipId is not null).Select(i => i.RelationshipId!),
            StringComparer.OrdinalIgnoreCase);
        foreach (var r in snapshot.Relationships)
        {
            if (r.Status != RelationshipStatus.Terminated || r.CustomerTenantId is null || cancelledByPartner.Contains(r.Id) || HasLiveRelationship(r.CustomerTenantId))
            {
                continue;
            }

            var c = For("customer/" + r.CustomerTenantId, r.CustomerTenantId, snapshot.CustomerNameOf(r.CustomerTenantId, r.CustomerName));
            c.Reasons.Add($"relationship '{r.DisplayName}' was terminated" + (r.EndDateTime is { } end ? $" on {Date(end)}" : ""));
            c.Relationship ??= r;
        }

        foreach (var invite in snapshot.Invites)
        {
            if (invite.Status is not (InviteStatus.AdminRemoved or InviteStatus.Terminated) || HasLiveRelationship(invite.CustomerTenantId))
            {
                continue;
            }

            var subject = invite.CustomerTenantId is { } tenant ? "customer/" + tenant : "invite/" + invite.Id.ToString("D");
            var c = For(subject, invite.CustomerTenantId, invite.CustomerName);
            c.Reasons.Add(invite.Status == InviteStatus.AdminRemoved
                ? $"removed or reassigned your admin permissions (recorded {Date(invite.StatusChangedAt)})"
                : $"ended the relationship (recorded {Date(invite.StatusChangedAt)})");
            c.InviteId ??= invite.Id;
        }

        foreach (var pair in cases)
        {
            var c = pair.Value;
            var reseller = snapshot.FindCustomer(c.TenantId)?.IsResellerCustomer ?? false;
            yield return NewFinding(
                pair.Key,
                $"{Customer(c.Name, c.TenantId)}: {string.Join("; ", c.Reasons.Distinct())}. You have no active admin relationship with this customer.",
                (reseller ? "You" : "If you are this customer's reseller, you") +
                " remain responsible for customer support under the Microsoft Cloud Reseller Agreement until you renegotiate your agreement with " +
                "the customer. If the customer needs help, call Microsoft support to open a service request on the customer's behalf. " +
                $"To restore admin permissions, send the customer a new relationship request ({CommandNames.NewResellerInvite}).")
                with
                {
                    CustomerTenantId = c.TenantId,
                    CustomerName = c.Name,
                    RelationshipId = c.Relationship?.Id,
                    RelationshipName = c.Relationship?.DisplayName,
                    InviteId = c.InviteId,
                };
        }
    }

    private sealed class Case
    {
        public Case(string? tenantId, string? name)
        {
            TenantId = tenantId;
            Name = name;
        }

        public string? TenantId { get; }
        public string? Name { get; set; }
        public List<string> Reasons { get; } = new();
        public ComplianceRelationship? Relationship { get; set; }
        public Guid? InviteId { get; set; }
    }
}
