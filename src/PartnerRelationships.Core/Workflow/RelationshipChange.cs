using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>One relationship in a bulk operation: what will happen (or why it can't) and the ETag it was read with.</summary>
public sealed record RelationshipChange(DelegatedAdminRelationshipInfo Relationship, RelationshipChangeKind Kind, string Description, string? ErrorId = null)
{
    public string? ETag => Relationship.ETag;

    public override string ToString() => Description;
}
