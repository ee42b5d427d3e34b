namespace PartnerRelationships.Core.Workflow;

/// <summary>What a bulk operation will do to one relationship.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum RelationshipChangeKind
{
    /// <summary>Change it (auto-extend on/off, drop Global Administrator).</summary>
    Change,

    /// <summary>It is already as asked.</summary>
    NoChange,

    /// <summary>The service does not allow it; <see cref="RelationshipChange.Description"/> says what to do instead.</summary>
    NotAllowed,
}
