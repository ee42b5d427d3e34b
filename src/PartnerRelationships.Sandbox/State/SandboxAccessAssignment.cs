namespace PartnerRelationships.Sandbox.State;

/// <summary>A delegatedAdminAccessAssignment: roles of the relationship granted to a security group in the partner tenant.</summary>
public sealed class SandboxAccessAssignment
{
    public required string Id { get; init; }

    public required string RelationshipId { get; init; }

    public required string AccessContainerId { get; init; }

    public string AccessContainerType { get; init; } = "securityGroup";

    public List<string> RoleDefinitionIds { get; set; } = new();

    public string Status { get; set; } = AccessAssignmentStatus.Pending;

    public DateTimeOffset CreatedDateTime { get; set; }

    public DateTimeOffset LastModifiedDateTime { get; set; }

    /// <summary>When pending work (activation or deletion) completes.</summary>
    internal DateTimeOffset? WorkDue { get; set; }

    public long Version { get; internal set; }

    public string ETag => ETags.Format(Version);

    internal SandboxAccessAssignment Snapshot()
    {
        var copy = (SandboxAccessAssignment)MemberwiseClone();
        copy.RoleDefinitionIds = new List<string>(RoleDefinitionIds);
        return copy;
    }
}
