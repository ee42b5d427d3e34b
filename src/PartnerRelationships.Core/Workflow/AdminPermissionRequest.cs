using System.Collections.Generic;

namespace PartnerRelationships.Core.Workflow;

/// <summary>Grant a partner security group roles in a customer tenant: by relationship id, or by customer (its active relationships).</summary>
public sealed class AdminPermissionRequest
{
    public string? RelationshipId { get; set; }
    public string? CustomerTenantId { get; set; }
    public string SecurityGroupId { get; set; } = "";

    /// <summary>Built-in role names or ids; each must be among the relationship's roles.</summary>
    public IReadOnlyList<string> Roles { get; set; } = new List<string>();

    /// <summary>For an update: the assignment's ETag as read (Get-AdminPermission); null uses the one read while planning.</summary>
    public string? ETag { get; set; }
}
