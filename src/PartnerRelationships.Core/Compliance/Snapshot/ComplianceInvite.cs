using System;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

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

    public static ComplianceInvite From(ResellerInvite invite) => From(InviteSummary.From(invite), null);

    /// <param name="pool">Shares the strings a large snapshot holds many times; null keeps the summary's own.</param>
    internal static ComplianceInvite From(InviteSummary invite, SnapshotStringPool? pool) => new()
    {
        Id = invite.Id,
        Kind = invite.Kind,
        CustomerName = pool?.Share(invite.CustomerName) ?? invite.CustomerName,
        CustomerTenantId = pool is null ? invite.CustomerTenantId : pool.ShareOrNull(invite.CustomerTenantId),
        Status = invite.Status,
        CreatedAt = invite.CreatedAt,
        StatusChangedAt = invite.StatusChangedAt,
        RelationshipId = pool is null ? invite.RelationshipId : pool.ShareOrNull(invite.RelationshipId),
        RelationshipName = pool is null ? invite.RelationshipDisplayName : pool.ShareOrNull(invite.RelationshipDisplayName),
    };
}
