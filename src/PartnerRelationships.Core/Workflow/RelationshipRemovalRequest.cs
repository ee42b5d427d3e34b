using System.Collections.Generic;

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
