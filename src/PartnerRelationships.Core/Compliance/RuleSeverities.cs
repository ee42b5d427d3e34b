namespace PartnerRelationships.Core.Compliance;

/// <summary>
/// Every rule's severity, chosen here in one place so the scale stays consistent:
/// <list type="bullet">
/// <item><b>Error</b>: a security risk or something broken that needs action now (a scheduled run with
/// <c>-FailOn Error</c> fails on these).</item>
/// <item><b>Warning</b>: needs attention soon, or the partner must know about it (a customer's decision).</item>
/// <item><b>Info</b>: tidy-up; nothing breaks if it waits.</item>
/// </list>
/// </summary>
public static class RuleSeverities
{
    /// <summary>The customer has not acted yet; a reminder is due, nothing is broken.</summary>
    public const FindingSeverity PendingInviteTooLong = FindingSeverity.Warning;

    /// <summary>Access will end on a known date unless someone acts; it has not ended yet.</summary>
    public const FindingSeverity RelationshipExpiringWithoutAutoExtend = FindingSeverity.Warning;

    /// <summary>The customer's decision, which the partner cannot undo; but support obligations continue, so it must be known.</summary>
    public const FindingSeverity AdminPermissionsRemoved = FindingSeverity.Warning;

    /// <summary>Standing Global Administrator (or a forbidden role) in a customer tenant is a security risk.</summary>
    public const FindingSeverity OverPrivilegedRelationship = FindingSeverity.Error;

    /// <summary>The customer approved access nobody can use; wasteful, not dangerous.</summary>
    public const FindingSeverity RelationshipWithoutAccessAssignment = FindingSeverity.Warning;

    /// <summary>The service failed to grant roles the partner relies on: broken.</summary>
    public const FindingSeverity AccessAssignmentInError = FindingSeverity.Error;

    /// <summary>Often made by hand in Partner Center; worth importing or explaining, not urgent.</summary>
    public const FindingSeverity RelationshipUnknownToStore = FindingSeverity.Info;

    /// <summary>The record is wrong (usually sync has not run); reports and follow-ups built on it mislead.</summary>
    public const FindingSeverity StoreContradictsService = FindingSeverity.Warning;

    /// <summary>More access than needed, but each relationship was approved by the customer; tidy-up.</summary>
    public const FindingSeverity OverlappingActiveRelationships = FindingSeverity.Info;
}
