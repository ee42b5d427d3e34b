namespace PartnerRelationships.Core.Invites;

/// <summary>Where an invite stands. Every change is written to the store's append-only history.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum InviteStatus
{
    /// <summary>Drafted and recorded; the customer has not acted yet.</summary>
    Pending,

    /// <summary>The customer accepted (appears as a customer, or the relationship is active).</summary>
    Accepted,

    /// <summary>The customer declined, or the relationship was never approved and the service ended it.</summary>
    Rejected,

    /// <summary>The invite or relationship ran out of time.</summary>
    Expired,

    /// <summary>The partner withdrew the invite before the customer acted.</summary>
    Cancelled,

    /// <summary>An accepted relationship was ended (by either side).</summary>
    Terminated,

    /// <summary>
    /// The customer removed or reassigned the partner's admin permissions while the relationship stands; the partner
    /// still owes support under its reseller agreement.
    /// </summary>
    AdminRemoved,
}
