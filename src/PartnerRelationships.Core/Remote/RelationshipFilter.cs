namespace PartnerRelationships.Core.Remote;

/// <summary>Server-side filter for listing relationships; all parts optional and combined with "and".</summary>
public sealed record RelationshipFilter
{
    public RelationshipStatus? Status { get; init; }
    public string? CustomerTenantId { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>Page size ($top); null lets the service choose.</summary>
    public int? PageSize { get; init; }
}
