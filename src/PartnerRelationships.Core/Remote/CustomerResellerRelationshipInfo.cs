namespace PartnerRelationships.Core.Remote;

/// <summary>An indirect reseller a customer has a relationship with (Partner Center /customers/{id}/relationships).</summary>
public sealed record CustomerResellerRelationshipInfo(string Id, string? MpnId, string Name, string RelationshipType, string? State);
