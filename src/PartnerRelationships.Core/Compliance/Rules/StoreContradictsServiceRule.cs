using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>
/// PR008 (drift): store records the service contradicts: a granular invite whose relationship is missing or in a
/// status the store's status can't go with, or an accepted reseller invite whose customer Partner Center does not list.
/// </summary>
public sealed class StoreContradictsServiceRule : ComplianceRule
{
    private const string SyncAdvice =
        "Run a sync so the store records what happened at the service; if the contradiction stays, check the relationship in Partner Center " +
        "and correct the invite's status.";

    public StoreContradictsServiceRule()
        : base(ComplianceRuleIds.StoreContradictsService, nameof(ComplianceRuleIds.StoreContradictsService), RuleSeverities.StoreContradictsService,
            "Store records that contradict the service: a relationship missing or in another state, an accepted customer Partner Center does not list.")
    {
    }

    public override IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context)
    {
        foreach (var invite in snapshot.Invites)
        {
            var customer = Customer(invite.CustomerName, invite.CustomerTenantId);
            if (invite.RelationshipId is { } relationshipId)
            {
                if (!snapshot.ServiceHasRelationship(relationshipId))
                {
                    // A withdrawn request may have been deleted at the service before it was sent; nothing contradicts that.
                    if (invite.Status == InviteStatus.Cancelled)
                    {
                        continue;
                    }

                    yield return Finding(invite,
                        $"The store says relationship '{invite.RelationshipDisplayName ?? relationshipId}' with {customer} is {invite.Status}, " +
                        "but the service has no relationship with that id.",
                        $"Check in Partner Center whether the relationship was deleted; cancel the invite, or invite the customer again ({CommandNames.NewResellerInvite}).");
                    continue;
                }

                // Listed, but outside this run's customer filter: judged by a run that covers that customer.
                if (snapshot.FindRelationship(relationshipId) is not { } r || Compatible(invite.Status, r.Status))
                {
                    continue;
                }

                yield return Finding(invite,
                    $"The store says relationship '{r.DisplayName}' with {customer} is {invite.Status}, but the service says it is {r.Status}.",
                    SyncAdvice) with
                {
                    CustomerTenantId = invite.CustomerTenantId ?? r.CustomerTenantId,
                    RelationshipName = r.DisplayName,
                };
            }
            else if (invite.Kind == InviteKind.Reseller && invite.Status == InviteStatus.Accepted && invite.CustomerTenantId is { } tenantId
                     && snapshot.ServiceCustomerCount > 0 && !snapshot.ServiceHasCustomer(tenantId))
            {
                yield return Finding(invite,
                    $"The store says {customer} accepted the reseller relationship, but Partner Center does not list tenant {tenantId} as your customer.",
                    SyncAdvice);
            }
        }
    }

    private Finding Finding(InviteSummary invite, string message, string recommendation) =>
        NewFinding("invite/" + invite.Id.ToString("D"), message, recommendation) with
        {
            CustomerTenantId = invite.CustomerTenantId,
            CustomerName = invite.CustomerName,
            InviteId = invite.Id,
            RelationshipId = invite.RelationshipId,
            RelationshipName = invite.RelationshipDisplayName,
        };

    /// <summary>Whether the store's status can stand beside the service's (e.g. a sync in flight never is "wrong").</summary>
    private static bool Compatible(InviteStatus store, RelationshipStatus service) => service switch
    {
        RelationshipStatus.Active or RelationshipStatus.Activating or RelationshipStatus.Approved or RelationshipStatus.Expiring
            => store is InviteStatus.Accepted or InviteStatus.AdminRemoved,
        RelationshipStatus.Created or RelationshipStatus.ApprovalPending
            => store is InviteStatus.Pending,
        RelationshipStatus.Expired
            => store is InviteStatus.Expired or InviteStatus.Rejected or InviteStatus.Cancelled,
        RelationshipStatus.Terminated
            => store is InviteStatus.Terminated or InviteStatus.Cancelled or InviteStatus.AdminRemoved,
        // A termination under way: the store records Terminated when the service shows it (removal's read-back, or sync
        // once the relationship is terminated), so Accepted is not yet wrong.
        RelationshipStatus.Terminating or RelationshipStatus.TerminationRequested
            => store is InviteStatus.Terminated or InviteStatus.Cancelled or InviteStatus.AdminRemoved or InviteStatus.Accepted,
        _ => true,
    };
}
