namespace PartnerRelationships.Core.Workflow;

/// <summary>What a plan step does to the group's access assignment.</summary>
public enum AdminPermissionAction
{
    Create,
    Update,
    NoChange,
}
