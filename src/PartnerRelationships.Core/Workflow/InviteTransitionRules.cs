using System;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// What the services' state means for an invite: one step at a time, so an invite that missed several changes
/// (approved, then expired) records each of them in order.
/// </summary>
/// <remarks>
/// Granular (GDAP) has no "rejected" status: a customer who declines, or never approves within the approval window,
/// leaves the relationship <c>expired</c> without an <c>activatedDateTime</c>. That is what Rejected means here; an
/// expiry after activation is Expired. A pending relationship the customer ended (terminated, never activated) counts
/// as Rejected too.
/// </remarks>
public static class InviteTransitionRules
{
    /// <param name="relationship">The relationship as the service shows it; null when unknown or gone.</param>
    /// <param name="relationshipGone">True when the service answered that the relationship does not exist.</param>
    public static PlannedTransition? ForGranular(ResellerInvite invite, DelegatedAdminRelationshipInfo? relationship, bool relationshipGone, DateTimeOffset now)
    {
        if (invite is null) throw new ArgumentNullException(nameof(invite));
        if (relationship is null)
        {
            if (!relationshipGone) return null;
            return invite.Status switch
            {
                InviteStatus.Pending => new(InviteStatus.Cancelled, now, $"relationship {invite.RelationshipId} no longer exists (deleted before approval)"),
                InviteStatus.Accepted or InviteStatus.AdminRemoved => new(InviteStatus.Terminated, now, $"relationship {invite.RelationshipId} no longer exists"),
                _ => null,
            };
        }

        var activated = relationship.ActivatedDateTime;
        var ended = relationship.EndDateTime ?? relationship.LastModifiedDateTime ?? now;
        var tenant = relationship.CustomerTenantId;
        switch (invite.Status)
        {
            case InviteStatus.Pending:
                switch (relationship.Status)
                {
                    case RelationshipStatus.Active or RelationshipStatus.Expiring:
                        return new(InviteStatus.Accepted, Clamp(activated ?? now, invite, now), "relationship status active", tenant);
                    case RelationshipStatus.Expired or RelationshipStatus.Terminated when activated is not null:
                        // Approved and already over: record the acceptance first, the end in the next step.
                        return new(InviteStatus.Accepted, Clamp(activated.Value, invite, now), $"relationship was activated (now {GraphModelMapper.WireName(relationship.Status)})", tenant);
                    case RelationshipStatus.Expired:
                        return new(InviteStatus.Rejected, Clamp(ended, invite, now), "relationship expired without being approved (declined or approval window passed; GDAP has no rejected status)", tenant);
                    case RelationshipStatus.Terminated:
                        return new(InviteStatus.Rejected, Clamp(ended, invite, now), "relationship ended by the customer before it was approved", tenant);
                    default:
                        return null;
                }

            case InviteStatus.Accepted or InviteStatus.AdminRemoved:
                return relationship.Status switch
                {
                    RelationshipStatus.Expired => new(InviteStatus.Expired, Clamp(ended, invite, now), "relationship status expired", tenant),
                    RelationshipStatus.Terminated => new(InviteStatus.Terminated, Clamp(ended, invite, now), "relationship status terminated", tenant),
                    _ => null,
                };

            default:
                return null;
        }
    }

    /// <param name="customer">The matched reseller customer; null when the partner's customers do not include it.</param>
    /// <param name="customerGone">True when the customer is confirmed to be no longer a reseller customer.</param>
    public static PlannedTransition? ForReseller(ResellerInvite invite, ResellerCustomer? customer, string? matchedBy, bool customerGone, DateTimeOffset now)
    {
        if (invite is null) throw new ArgumentNullException(nameof(invite));
        var at = Clamp(now, invite, now);
        switch (invite.Status)
        {
            case InviteStatus.Pending when customer is { IsReseller: true }:
                return new(InviteStatus.Accepted, at, $"customer appeared among the partner's customers (matched by {matchedBy ?? "tenant id"})", customer.TenantId);

            case InviteStatus.Accepted or InviteStatus.AdminRemoved when customerGone || customer is { IsReseller: false }:
                return new(InviteStatus.Terminated, at, $"reseller relationship ended (relationshipToPartner {customer?.RelationshipToPartner ?? "none"})", customer?.TenantId);

            case InviteStatus.Accepted when customer is { AllowDelegatedAccess: false }:
                return new(InviteStatus.AdminRemoved, at, "customer removed the partner's admin rights (allowDelegatedAccess false)", customer.TenantId);

            case InviteStatus.AdminRemoved when customer is { AllowDelegatedAccess: true }:
                return new(InviteStatus.Accepted, at, "customer restored the partner's admin rights (allowDelegatedAccess true)", customer.TenantId);

            default:
                return null;
        }
    }

    /// <summary>A service time, but never before the invite's current status began and never in the future.</summary>
    private static DateTimeOffset Clamp(DateTimeOffset at, ResellerInvite invite, DateTimeOffset now)
    {
        if (at < invite.StatusChangedAt) at = invite.StatusChangedAt;
        return at > now ? now : at;
    }
}
