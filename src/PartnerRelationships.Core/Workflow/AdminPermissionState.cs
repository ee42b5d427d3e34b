namespace PartnerRelationships.Core.Workflow;

/// <summary>Whether the partner holds admin rights in a customer tenant.</summary>
public enum AdminPermissionState
{
    /// <summary>No reseller relationship and no granular relationship: the partner never had admin rights (that we can see).</summary>
    None,

    /// <summary>Delegated access through the reseller relationship (allowDelegatedAccess), or at least one active granular relationship.</summary>
    Active,

    /// <summary>The customer was a reseller customer or had granular relationships, and none of them grants admin rights now.</summary>
    Removed,

    /// <summary>
    /// A reseller customer for whom Partner Center did not say whether delegated access is on (allowDelegatedAccess
    /// left out) and no granular relationship is active: neither Active nor Removed can be told.
    /// </summary>
    Unknown,
}
