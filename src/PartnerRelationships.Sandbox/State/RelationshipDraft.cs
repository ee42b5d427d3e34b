namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// The fields of a create or PATCH body as sent (null = absent). Durations stay text so validation can say exactly
/// what was wrong with them.
/// </summary>
public sealed record RelationshipDraft
{
    public string? DisplayName { get; init; }

    public string? Duration { get; init; }

    public string? CustomerTenantId { get; init; }

    public string? CustomerDisplayName { get; init; }

    public IReadOnlyList<string>? RoleDefinitionIds { get; init; }

    public string? AutoExtendDuration { get; init; }

    internal bool HasCustomer => CustomerTenantId is not null || CustomerDisplayName is not null;
}
