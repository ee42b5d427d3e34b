using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>What to end for one customer.</summary>
public sealed class RelationshipRemovalRequest
{
    public string CustomerTenantId { get; set; } = "";

    /// <summary>Terminate the customer's active granular relationships.</summary>
    public bool Granular { get; set; } = true;

    /// <summary>Remove the reseller relationship (Partner Center relationshipToPartner none).</summary>
    public bool Reseller { get; set; }

    /// <summary>Only these granular relationships; null or empty for all the customer's active ones.</summary>
    public IReadOnlyCollection<string>? RelationshipIds { get; set; }
}

/// <summary>What Remove-CustomerRelationship will do; read-only, for ShouldProcess.</summary>
public sealed class RelationshipRemovalPlan
{
    internal RelationshipRemovalPlan(string customerTenantId, string? customerName, IReadOnlyList<DelegatedAdminRelationshipInfo> toTerminate,
        IReadOnlyList<DelegatedAdminRelationshipInfo> leftPending, bool removeReseller)
    {
        CustomerTenantId = customerTenantId;
        CustomerName = customerName;
        ToTerminate = toTerminate;
        LeftPending = leftPending;
        RemoveReseller = removeReseller;
    }

    public string CustomerTenantId { get; }
    public string? CustomerName { get; }
    public IReadOnlyList<DelegatedAdminRelationshipInfo> ToTerminate { get; }

    /// <summary>Relationships awaiting approval: the service lets the partner neither terminate nor delete them; they expire unapproved.</summary>
    public IReadOnlyList<DelegatedAdminRelationshipInfo> LeftPending { get; }
    public bool RemoveReseller { get; }

    public string Description
    {
        get
        {
            var parts = new List<string>();
            if (ToTerminate.Count > 0) parts.Add($"terminate granular relationship(s) {string.Join(", ", ToTerminate.Select(r => $"'{r.DisplayName}'"))}");
            if (RemoveReseller) parts.Add("remove the reseller relationship");
            return $"For customer {CustomerName ?? CustomerTenantId}: {string.Join(" and ", parts)}";
        }
    }
}

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
