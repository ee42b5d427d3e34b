namespace PartnerRelationships.Core.Workflow;

/// <summary>What a plan step does to the group's access assignment.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum AdminPermissionAction
{
    Create,
    Update,
    NoChange,
}
