using System;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>An invite from the store without its draft text (subject and body are not needed to judge it).</summary>
public sealed record ComplianceInvite
{
    public Guid Id { get; init; }
    public InviteKind Kind { get; init; }
    public string CustomerName { get; init; } = "";
    public string? CustomerTenantId { get; init; }
    public InviteStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset StatusChangedAt { get; init; }
    public string? RelationshipId { get; init; }
    public string? RelationshipName { get; init; }

    public static ComplianceInvite From(ResellerInvite invite) => new()
    {
        Id = invite.Id,
        Kind = invite.Kind,
        CustomerName = invite.CustomerName,
        CustomerTenantId = invite.CustomerTenantId,
        Status = invite.Status,
        CreatedAt = invite.CreatedAt,
        StatusChangedAt = invite.StatusChangedAt,
        RelationshipId = invite.RelationshipId,
        RelationshipName = invite.RelationshipDisplayName,
    };
}
