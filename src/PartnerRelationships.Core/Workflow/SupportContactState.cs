namespace PartnerRelationships.Core.Workflow;

/// <summary>Where a subscription's support contact stands.</summary>
public enum SupportContactState
{
    /// <summary>An indirect reseller is named as the support contact.</summary>
    Set,

    /// <summary>The subscription can have a support contact and has none.</summary>
    NotSet,

    /// <summary>A new-commerce subscription: Partner Center supports no support contact on it.</summary>
    NotSupported,
}
