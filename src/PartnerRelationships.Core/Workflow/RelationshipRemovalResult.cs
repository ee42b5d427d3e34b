using System.Collections.Generic;
using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Workflow;

/// <summary>What was ended, the invites recorded as Terminated, and the warning to show.</summary>
public sealed record RelationshipRemovalResult
{
    public required string CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }
    public IReadOnlyList<string> TerminatedRelationshipIds { get => _terminatedRelationshipIds; init => _terminatedRelationshipIds = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _terminatedRelationshipIds = ExportableList<string>.Empty;

    /// <summary>
    /// Relationships whose terminate request the service accepted but which it did not yet show ending (still active)
    /// within the wait: their invites were not recorded as Terminated; a sync records them once the service ends them.
    /// </summary>
    public IReadOnlyList<string> TerminationUnconfirmedRelationshipIds { get => _terminationUnconfirmedRelationshipIds; init => _terminationUnconfirmedRelationshipIds = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _terminationUnconfirmedRelationshipIds = ExportableList<string>.Empty;

    public bool ResellerRelationshipRemoved { get; init; }
    public IReadOnlyList<InviteTransition> InviteTransitions { get => _inviteTransitions; init => _inviteTransitions = ExportableList<InviteTransition>.Of(value); }

    private readonly IReadOnlyList<InviteTransition> _inviteTransitions = ExportableList<InviteTransition>.Empty;

    public string Warning { get; init; } = RelationshipRemovalService.SupportResponsibilityWarning;
}
