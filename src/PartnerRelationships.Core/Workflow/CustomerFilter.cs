namespace PartnerRelationships.Core.Workflow;

/// <summary>Which customers to list; unset members do not filter, set ones combine with "and".</summary>
public sealed class CustomerFilter
{
    /// <summary>PowerShell-style wildcard on the company name, case-insensitive.</summary>
    public string? Name { get; set; }

    /// <summary>Exactly this tenant (read directly, not by listing everyone).</summary>
    public string? TenantId { get; set; }

    /// <summary>PowerShell-style wildcard on the customer's domain, case-insensitive.</summary>
    public string? Domain { get; set; }

    /// <summary>Also show granular relationships that ended (expired, terminated). Off by default: they are history.</summary>
    public bool IncludeEndedRelationships { get; set; }

    /// <summary>Partner Center page size.</summary>
    public int PageSize { get; set; } = Remote.PartnerCenterClient.WholeListPageSize;
}
