using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Workflow;

/// <summary>Which customers to list; unset members do not filter, set ones combine with "and".</summary>
public sealed class PartnerCustomerQuery
{
    /// <summary>PowerShell-style wildcards on the company name, case-insensitive; a customer matching any is listed.</summary>
    public IReadOnlyList<string> Names { get; set; } = Array.Empty<string>();

    /// <summary>One name wildcard (the common case of <see cref="Names"/>).</summary>
    public string? Name
    {
        get => Names.Count == 1 ? Names[0] : null;
        set => Names = value is null ? Array.Empty<string>() : new[] { value };
    }

    /// <summary>Exactly this tenant (read directly, not by listing everyone).</summary>
    public string? TenantId { get; set; }

    /// <summary>PowerShell-style wildcard on the customer's domain, case-insensitive.</summary>
    public string? Domain { get; set; }

    /// <summary>Also show granular relationships that ended (expired, terminated). Off by default: they are history.</summary>
    public bool IncludeEndedRelationships { get; set; }

    /// <summary>Partner Center page size.</summary>
    public int PageSize { get; set; } = Remote.PartnerCenterClient.WholeListPageSize;
}
