namespace PartnerRelationships.Core.Remote;

/// <summary>Whether a subscription can have a designated support contact.</summary>
public enum SupportContactAvailability
{
    /// <summary>A legacy (non new-commerce) subscription: Partner Center keeps a support contact for it.</summary>
    Available,

    /// <summary>A new-commerce subscription: Partner Center does not support support contacts on it.</summary>
    NotSupported,

    /// <summary>The subscription's offer id does not say which commerce it belongs to; the service decides.</summary>
    Unknown,
}
