using System;

namespace PartnerRelationships.Core.Invites;

/// <summary>One invite as recorded in the store: the draft that was written and where it stands.</summary>
public sealed record ResellerInvite
{
    public Guid Id { get; init; }
    public InviteKind Kind { get; init; }
    public string CustomerName { get; init; } = "";
    public string CustomerEmail { get; init; } = "";

    /// <summary>The customer's Entra tenant id, when known (given at invite time or learnt on acceptance).</summary>
    public string? CustomerTenantId { get; init; }

    public InviteStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset StatusChangedAt { get; init; }

    /// <summary>The personalised link the customer follows.</summary>
    public string Link { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";

    /// <summary>For granular invites: the remote relationship id.</summary>
    public string? RelationshipId { get; init; }

    /// <summary>For granular invites: the relationship's display name (unique per partner).</summary>
    public string? RelationshipDisplayName { get; init; }

    /// <summary>The access template named at invite time, if any.</summary>
    public string? Template { get; init; }

    /// <summary>Invited through PartnerRelationships, or adopted from what the service already had.</summary>
    public InviteOrigin Origin { get; init; }

    /// <summary>Bumped on every change; the store uses it for optimistic concurrency.</summary>
    public long Version { get; init; }

    /// <summary>
    /// An RFC 6068 mailto URI that opens this invite's draft in the default mail client. Computed from
    /// <see cref="CustomerEmail"/>, <see cref="Subject"/> and <see cref="Body"/>; not stored.
    /// </summary>
    public string MailtoUri => InviteMailto.Create(CustomerEmail, Subject, Body);
}
