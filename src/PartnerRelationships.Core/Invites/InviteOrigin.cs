namespace PartnerRelationships.Core.Invites;

/// <summary>How a record came into the store.</summary>
public enum InviteOrigin
{
    /// <summary>The partner invited the customer through PartnerRelationships (New-ResellerInvite).</summary>
    Invited,

    /// <summary>
    /// The relationship existed at the service before the store knew it (made by hand in Partner Center or by another
    /// tool) and was recorded as found (Import-PartnerRelationship), with the service's own times.
    /// </summary>
    Adopted,
}
