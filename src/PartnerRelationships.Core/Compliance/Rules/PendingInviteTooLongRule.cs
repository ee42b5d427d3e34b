using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>PR001: invites still pending after <c>compliance.pendingInviteDays</c>.</summary>
public sealed class PendingInviteTooLongRule : ComplianceRule
{
    public PendingInviteTooLongRule()
        : base(ComplianceRuleIds.PendingInviteTooLong, nameof(ComplianceRuleIds.PendingInviteTooLong), RuleSeverities.PendingInviteTooLong,
            "Invites the customer has not acted on for longer than compliance.pendingInviteDays.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        var limit = TimeSpan.FromDays(context.Settings.PendingInviteDays);
        foreach (var invite in snapshot.Invites)
        {
            if (invite.Status != InviteStatus.Pending || context.Now - invite.CreatedAt <= limit)
            {
                continue;
            }

            // The customer already acted at the service; the stale store record is PR008's finding, not a reminder.
            if (snapshot.FindRelationship(invite.RelationshipId) is { } r
                && r.Status is not (RelationshipStatus.ApprovalPending or RelationshipStatus.Created))
            {
                continue;
            }

            var customer = Customer(invite.CustomerName, invite.CustomerTenantId);
            var what = invite.Kind == InviteKind.GranularAdmin ? "approve the relationship request" : "accept the reseller relationship request";
            yield return NewFinding(
                "invite/" + invite.Id.ToString("D"),
                $"The invite to {customer} has been pending for {Days(context.Now - invite.CreatedAt)} (created {Date(invite.CreatedAt)}); " +
                $"the limit is {context.Settings.PendingInviteDays} days.",
                // The same text for every invite of a kind (the invite's id is the finding's InviteId): a large partner has
                // tens of thousands of these, held until the reports are written.
                $"Remind the customer to {what}: pipe this finding to {CommandNames.GetResellerInvite} (or run {CommandNames.GetResellerInvite} " +
                $"-{ParameterNames.Id} with its InviteId) for the draft and its mailto link to resend. " +
                (invite.Kind == InviteKind.GranularAdmin ? "An unapproved relationship request expires 90 days after it was sent. " : "") +
                "Cancel the invite if it is no longer wanted.")
                with
                {
                    CustomerName = invite.CustomerName,
                    CustomerTenantId = invite.CustomerTenantId,
                    InviteId = invite.Id,
                    RelationshipId = invite.RelationshipId,
                    RelationshipName = invite.RelationshipDisplayName,
                };
        }
    }
}
