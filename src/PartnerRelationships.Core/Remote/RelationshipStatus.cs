namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Status of a granular delegated admin relationship, as documented for Graph v1.0. A customer who declines (or
/// never approves) does not get its own value: the relationship stays approvalPending until its request expires and
/// then shows as <see cref="Expired"/> without ever having an activation date.
/// </summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum RelationshipStatus
{
    Unknown,
    Activating,
    Active,
    ApprovalPending,
    Approved,
    Created,
    Expired,
    Expiring,
    Terminated,
    Terminating,
    TerminationRequested,
}
