using System;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// A stored invite without its draft (email, link, subject, body, template): who, which relationship, what status
/// since when. What a pass over every record (the compliance check) reads, at a fraction of a full record's size.
/// </summary>
public sealed record InviteSummary
{
    public Guid Id { get; init; }
    public InviteKind Kind { get; init; }
    public string CustomerName { get; init; } = "";
    public string? CustomerTenantId { get; init; }
    public InviteStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset StatusChangedAt { get; init; }
    public string? RelationshipId { get; init; }
    public string? RelationshipDisplayName { get; init; }

    public static InviteSummary From(ResellerInvite invite)
    {
        if (invite is null)
        {
            throw new ArgumentNullException(nameof(invite));
        }

        return new InviteSummary
        {
            Id = invite.Id,
            Kind = invite.Kind,
            CustomerName = invite.CustomerName,
            CustomerTenantId = invite.CustomerTenantId,
            Status = invite.Status,
            CreatedAt = invite.CreatedAt,
            StatusChangedAt = invite.StatusChangedAt,
            RelationshipId = invite.RelationshipId,
            RelationshipDisplayName = invite.RelationshipDisplayName,
        };
    }
}
