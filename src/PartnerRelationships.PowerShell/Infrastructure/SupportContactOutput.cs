using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>A support contact with the customer it belongs to, so the output pipes on to other customer cmdlets.</summary>
internal static class SupportContactOutput
{
    public static PSObject For(string customerTenantId, SupportContactInfo contact)
    {
        var output = PSObject.AsPSObject(contact);
        output.Properties.Add(new PSNoteProperty("CustomerTenantId", TenantIds.Require(customerTenantId)));
        return output;
    }
}
