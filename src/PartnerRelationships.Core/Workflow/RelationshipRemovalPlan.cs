using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>What Remove-CustomerRelationship will do; read-only, for ShouldProcess.</summary>
public sealed class RelationshipRemovalPlan
{
    internal RelationshipRemovalPlan(string customerTenantId, string? customerName, IReadOnlyList<DelegatedAdminRelationshipInfo> toTerminate,
        IReadOnlyList<DelegatedAdminRelationshipInfo> leftPending, bool removeReseller, IReadOnlyList<DelegatedAdminRelationshipInfo>? notYetActive = null)
    {
        NotYetActive = notYetActive ?? new List<DelegatedAdminRelationshipInfo>();
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

    /// <summary>Approved or activating: the service terminates only active relationships, so these wait for a later run.</summary>
    public IReadOnlyList<DelegatedAdminRelationshipInfo> NotYetActive { get; }

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
