using System;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Adoption;

/// <summary>A relationship at the service that the store has no record of, and the record adoption would write.</summary>
public sealed record AdoptionCandidate
{
    public required AdoptedRecord Record { get; init; }

    /// <summary>The status as the service words it (e.g. "active", "reseller").</summary>
    public required string ServiceStatus { get; init; }

    public DateTimeOffset? ActivatedAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public ResellerInvite Invite => Record.Invite;

    /// <summary>"GDAP 'Contoso admins' with Contoso Ltd (active)": what -WhatIf and progress show.</summary>
    public string Describe() => Invite.Kind == InviteKind.GranularAdmin
        ? $"GDAP relationship '{Invite.RelationshipDisplayName}' with {Invite.CustomerName} ({ServiceStatus})"
        : $"reseller customer {Invite.CustomerName} ({Invite.CustomerTenantId})";
}
