using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Workflow;

/// <summary>The cancelled invite, whether its remote relationship was deleted, and what the partner should know.</summary>
public sealed record CancelledInvite(ResellerInvite Invite, bool RelationshipDeleted, string? Warning);
