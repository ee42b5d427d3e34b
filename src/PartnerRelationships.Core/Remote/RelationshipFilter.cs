namespace PartnerRelationships.Core.Remote;

/// <summary>Server-side filter for listing relationships; all parts optional and combined with "and".</summary>
public sealed record RelationshipFilter
{
    public RelationshipStatus? Status { get; init; }
    public string? CustomerTenantId { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>
    /// Also yield resellerDelegatedAdminRelationship items (an indirect provider's relationships for a reseller, which
    /// the list documents beside the partner's own). Off by default: they are not the partner's admin access.
    /// </summary>
    public bool IncludeResellerRelationships { get; init; }

    /// <summary>Page size ($top); null lets the service choose.</summary>
    public int? PageSize { get; init; }
}
