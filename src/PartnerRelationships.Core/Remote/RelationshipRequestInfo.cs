namespace PartnerRelationships.Core.Remote;

/// <summary>A lockForApproval or terminate request on a relationship.</summary>
/// <param name="Status">created, pending, succeeded or failed.</param>
public sealed record RelationshipRequestInfo(string Id, string RelationshipId, string Action, string Status);
