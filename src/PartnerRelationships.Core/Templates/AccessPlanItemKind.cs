namespace PartnerRelationships.Core.Templates;

/// <summary>What one plan item says about a customer's access compared with a template.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum AccessPlanItemKind
{
    /// <summary>The group has no assignment on the relationship: create it.</summary>
    Add,

    /// <summary>The group's assignment has other roles than the template gives it: update it (with its ETag).</summary>
    Change,

    /// <summary>An assignment for a group the template does not list: delete it (with its ETag).</summary>
    Remove,

    /// <summary>No active relationship, or its roles lack some the template assigns: only a new relationship helps.</summary>
    RelationshipCannotSatisfy,

    /// <summary>The template's group no longer exists in the partner tenant: fix the template or recreate the group.</summary>
    GroupMissing,
}
