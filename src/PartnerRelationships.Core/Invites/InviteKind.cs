namespace PartnerRelationships.Core.Invites;

/// <summary>What the customer is asked to approve.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum InviteKind
{
    /// <summary>The classic reseller relationship request (a personalised Partner Center link).</summary>
    Reseller,

    /// <summary>A granular delegated admin (GDAP) relationship created remotely; the draft carries its approval link.</summary>
    GranularAdmin,
}
