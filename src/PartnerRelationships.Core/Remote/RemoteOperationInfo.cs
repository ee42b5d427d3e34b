using System;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// A delegatedAdminRelationshipOperation (delegatedadminrelationshipoperation-get): the long-running work behind a
/// 202 Accepted. <see cref="Status"/> is notStarted, running, succeeded or failed as the service wrote it.
/// </summary>
public sealed record RemoteOperationInfo
{
    public const string NotStarted = "notStarted";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public required string Id { get; init; }
    public required string RelationshipId { get; init; }

    /// <summary>delegatedAdminAccessAssignmentUpdate or delegatedAdminRelationshipUpdate.</summary>
    public string? OperationType { get; init; }

    public string Status { get; init; } = NotStarted;

    /// <summary>The changed object as a JSON string (the documented shape of <c>data</c>).</summary>
    public string? Data { get; init; }

    public DateTimeOffset? CreatedDateTime { get; init; }
    public DateTimeOffset? LastModifiedDateTime { get; init; }

    public bool IsFinished => Status is Succeeded or Failed;
}
