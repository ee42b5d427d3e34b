using System.Collections.Generic;

namespace PartnerRelationships.Core.Workflow;

/// <summary>What was ended, the invites recorded as Terminated, and the warning to show.</summary>
public sealed record RelationshipRemovalResult
{
    public required string CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }
    public IReadOnlyList<string> TerminatedRelationshipIds { get; init; } = new List<string>();
    public bool ResellerRelationshipRemoved { get; init; }
    public IReadOnlyList<InviteTransition> InviteTransitions { get; init; } = new List<InviteTransition>();
    public string Warning { get; init; } = RelationshipRemovalService.SupportResponsibilityWarning;
}
