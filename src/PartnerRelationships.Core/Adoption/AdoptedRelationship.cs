using System;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Adoption;

/// <summary>One relationship found at the service and what adopting it did: Import-PartnerRelationship's output.</summary>
public sealed record AdoptedRelationship
{
    public required AdoptionOutcome Outcome { get; init; }

    /// <summary>The store record's id (derived from the relationship, so every worker computes the same one).</summary>
    public Guid InviteId { get; init; }

    public InviteKind Kind { get; init; }

    public string CustomerName { get; init; } = "";

    public string? CustomerTenantId { get; init; }

    public string? RelationshipId { get; init; }

    public string? RelationshipName { get; init; }

    /// <summary>The status recorded in the store.</summary>
    public InviteStatus Status { get; init; }

    /// <summary>The status as the service words it.</summary>
    public string ServiceStatus { get; init; } = "";

    /// <summary>When the service says the relationship was created (adoption time for reseller customers: Partner Center gives none).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ActivatedAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public static AdoptedRelationship From(AdoptionCandidate candidate, AdoptionOutcome outcome)
    {
        var invite = candidate.Invite;
        return new AdoptedRelationship
        {
            Outcome = outcome,
            InviteId = invite.Id,
            Kind = invite.Kind,
            CustomerName = invite.CustomerName,
            CustomerTenantId = invite.CustomerTenantId,
            RelationshipId = invite.RelationshipId,
            RelationshipName = invite.RelationshipDisplayName,
            Status = invite.Status,
            ServiceStatus = candidate.ServiceStatus,
            CreatedAt = invite.CreatedAt,
            ActivatedAt = candidate.ActivatedAt,
            EndsAt = candidate.EndsAt,
        };
    }
}
