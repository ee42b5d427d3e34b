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

    /// <summary>
    /// A resellerDelegatedAdminRelationship: an indirect provider's relationship for an indirect reseller, listed
    /// among the partner's relationships (tenantrelationship-list-delegatedadminrelationships) but not its own access.
    /// </summary>
    public bool IsReseller { get; init; }

    /// <summary>resellerDelegatedAdminRelationship.indirectProviderTenantId.</summary>
    public string? IndirectProviderTenantId { get; init; }

    /// <summary>resellerDelegatedAdminRelationship.isPartnerConsentPending.</summary>
    public bool IsPartnerConsentPending { get; set; }

    /// <summary>Status changes the service makes on its own, oldest first (see <see cref="ScheduledStep"/>).</summary>
    internal List<ScheduledStep> Steps { get; } = new();

    internal List<SandboxRelationshipOperation> Operations { get; } = new();

    /// <summary>A lockForApproval or terminate request is still being processed.</summary>
    internal bool HasStepsPending => Steps.Count > 0;

    public long Version { get; internal set; }

    public string ETag => ETags.Format(Version);

    internal List<SandboxAccessAssignment> AccessAssignments { get; } = new();

    internal List<SandboxRelationshipRequest> Requests { get; } = new();

    public IReadOnlyList<SandboxAccessAssignment> AccessAssignmentSnapshot { get; private set; } = Array.Empty<SandboxAccessAssignment>();

    public IReadOnlyList<SandboxRelationshipRequest> RequestSnapshot { get; private set; } = Array.Empty<SandboxRelationshipRequest>();

    public IReadOnlyList<SandboxRelationshipOperation> OperationSnapshot { get; private set; } = Array.Empty<SandboxRelationshipOperation>();

    internal SandboxRelationship Snapshot()
    {
        var copy = (SandboxRelationship)MemberwiseClone();
        copy.RoleDefinitionIds = new List<string>(RoleDefinitionIds);
        copy.AccessAssignmentSnapshot = AccessAssignments.Select(a => a.Snapshot()).ToArray();
        copy.RequestSnapshot = Requests.Select(r => r.Snapshot()).ToArray();
        copy.OperationSnapshot = Operations.Select(o => o.Snapshot()).ToArray();
        return copy;
    }
}
