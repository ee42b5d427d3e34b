namespace PartnerRelationships.Sandbox.State;

/// <summary>A GDAP delegatedAdminRelationship as the sandbox stores it. Instances handed out by <see cref="SandboxState"/> are snapshots.</summary>
public sealed class SandboxRelationship
{
    public required string Id { get; init; }

    /// <summary>Creation order; paging walks relationships by it so pages stay stable while others change.</summary>
    public long Sequence { get; internal set; }

    public required string DisplayName { get; set; }

    public TimeSpan Duration { get; set; }

    public string? CustomerTenantId { get; set; }

    public string? CustomerDisplayName { get; set; }

    public List<string> RoleDefinitionIds { get; set; } = new();

    public string Status { get; set; } = RelationshipStatus.Created;

    public TimeSpan AutoExtendDuration { get; set; }

    public DateTimeOffset CreatedDateTime { get; set; }

    public DateTimeOffset LastModifiedDateTime { get; set; }

    public DateTimeOffset? ActivatedDateTime { get; set; }

    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>When lockForApproval ran; the 90-day approval window counts from here.</summary>
    public DateTimeOffset? LockedForApprovalDateTime { get; set; }

    /// <summary>When a partner's terminate request completes (terminationRequested → terminated).</summary>
    internal DateTimeOffset? TerminationDue { get; set; }

    public long Version { get; internal set; }

    public string ETag => ETags.Format(Version);

    internal List<SandboxAccessAssignment> AccessAssignments { get; } = new();

    internal List<SandboxRelationshipRequest> Requests { get; } = new();

    public IReadOnlyList<SandboxAccessAssignment> AccessAssignmentSnapshot { get; private set; } = Array.Empty<SandboxAccessAssignment>();

    public IReadOnlyList<SandboxRelationshipRequest> RequestSnapshot { get; private set; } = Array.Empty<SandboxRelationshipRequest>();

    internal SandboxRelationship Snapshot()
    {
        var copy = (SandboxRelationship)MemberwiseClone();
        copy.RoleDefinitionIds = new List<string>(RoleDefinitionIds);
        copy.AccessAssignmentSnapshot = AccessAssignments.Select(a => a.Snapshot()).ToArray();
        copy.RequestSnapshot = Requests.Select(r => r.Snapshot()).ToArray();
        return copy;
    }
}
