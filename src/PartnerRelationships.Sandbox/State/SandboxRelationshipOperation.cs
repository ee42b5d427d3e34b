namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// A delegatedAdminRelationshipOperation: the long-running work behind a 202 Accepted (an access assignment's new
/// roles, or Global Administrator leaving an active relationship). It moves notStarted → running → succeeded (or
/// failed) on the sandbox clock; its effect applies when it succeeds.
/// </summary>
public sealed class SandboxRelationshipOperation
{
    public const string AccessAssignmentUpdate = "delegatedAdminAccessAssignmentUpdate";
    public const string RelationshipUpdate = "delegatedAdminRelationshipUpdate";

    public required string Id { get; init; }

    /// <summary><see cref="AccessAssignmentUpdate"/> or <see cref="RelationshipUpdate"/>.</summary>
    public required string OperationType { get; init; }

    /// <summary>notStarted, running, succeeded or failed.</summary>
    public string Status { get; set; } = OperationStatus.NotStarted;

    /// <summary>The object the operation changes, as a JSON string (the documented shape of <c>data</c>).</summary>
    public string Data { get; set; } = "{}";

    public DateTimeOffset CreatedDateTime { get; set; }

    public DateTimeOffset LastModifiedDateTime { get; set; }

    /// <summary>The assignment it updates (access assignment operations).</summary>
    internal string? AccessAssignmentId { get; init; }

    /// <summary>The roles the assignment gets, or the relationship keeps, when the operation succeeds.</summary>
    internal List<string> TargetRoleIds { get; init; } = new();

    internal DateTimeOffset StartsAt { get; init; }

    internal DateTimeOffset CompletesAt { get; init; }

    public long Version { get; internal set; }

    public string ETag => ETags.Format(Version);

    public bool IsFinished => Status is OperationStatus.Succeeded or OperationStatus.Failed;

    internal SandboxRelationshipOperation Snapshot() => (SandboxRelationshipOperation)MemberwiseClone();
}

/// <summary>The documented delegatedAdminRelationshipOperation status values.</summary>
public static class OperationStatus
{
    public const string NotStarted = "notStarted";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
