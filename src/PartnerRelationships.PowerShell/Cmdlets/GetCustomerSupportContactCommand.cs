using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>The partner (or indirect reseller) a customer is told to contact for support; nothing when none is set.</summary>
[Cmdlet(VerbsCommon.Get, "CustomerSupportContact")]
[OutputType(typeof(SupportContactInfo))]
public sealed class GetCustomerSupportContactCommand : ConnectedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var service = new SupportContactService(Connection.PartnerCenter, Config);
            var contact = Await(token => service.GetAsync(CustomerTenantId, token));
            if (contact is null)
            {
                WriteVerbose($"The customer {CustomerTenantId} has no support contact set.");
                return;
            }

            WriteObject(SupportContactOutput.For(CustomerTenantId, contact));
        });
    }
}
