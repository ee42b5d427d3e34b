using System;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>Customer tenant ids as the services compare them: GUIDs in lower-case "D" form.</summary>
public static class TenantIds
{
    public static string Require(string? tenantId, string parameter = "CustomerTenantId")
    {
        if (Guid.TryParse(tenantId?.Trim(), out var guid))
        {
            return guid.ToString("D");
        }

        throw new PartnerRelationshipsException(
            ErrorIds.Invite.InvalidCustomerTenantId,
            ErrorKind.InvalidArgument,
            $"The customer tenant id '{InputExcerpt.Of(tenantId ?? "")}' is not a GUID. Give the customer's Microsoft Entra tenant id " +
            $"({CommandNames.GetPartnerCustomer} shows it as TenantId).",
            parameter);
    }

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
