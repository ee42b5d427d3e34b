namespace PartnerRelationships.Sandbox.State;

/// <summary>A delegatedAdminRelationshipRequest (lockForApproval or terminate) and how it went.</summary>
public sealed class SandboxRelationshipRequest
{
    public required string Id { get; init; }

    public required string Action { get; init; }

    /// <summary>created, pending, succeeded or failed.</summary>
    public string Status { get; set; } = "created";

    public DateTimeOffset CreatedDateTime { get; set; }

    public DateTimeOffset LastModifiedDateTime { get; set; }

    internal SandboxRelationshipRequest Snapshot() => (SandboxRelationshipRequest)MemberwiseClone();
}
