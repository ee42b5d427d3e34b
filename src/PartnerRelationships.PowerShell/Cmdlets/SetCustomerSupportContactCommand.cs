using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Sets whom a customer is told to contact for support: by default the partner itself (from the configuration's
/// partner section), or the given partner (an indirect reseller, say).
/// </summary>
[Cmdlet(VerbsCommon.Set, "CustomerSupportContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SupportContactInfo))]
public sealed class SetCustomerSupportContactCommand : ConnectedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    // Not bound from the pipeline: a customer object's Name is the customer's, not the support contact's.
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SupportTenantId { get; set; }

    [Parameter]
    [Alias("MpnId")]
    [ValidateNotNullOrEmpty]
    public string? SupportMpnId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SupportName { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var tenant = TenantIds.Require(CustomerTenantId);
            var contact = SupportTenantId is null && SupportMpnId is null && SupportName is null
                ? new SupportContactInfo(Config.Partner.TenantId, Config.Partner.PartnerId, Config.Partner.Name)
                : new SupportContactInfo(SupportTenantId ?? Config.Partner.TenantId, SupportMpnId, SupportName);

            // Validate before asking: a bad id fails without a prompt.
            var valid = SupportContactService.Validate(contact);
            var who = $"{valid.Name ?? valid.SupportTenantId}{(valid.SupportMpnId is null ? "" : $" (MPN {valid.SupportMpnId})")}";
            if (!ShouldProcess($"customer {tenant}", $"Set the support contact to {who}"))
            {
                return;
            }

            var service = new SupportContactService(Connection.PartnerCenter, Config);
            var set = Await(token => service.SetAsync(tenant, valid, token));
            if (PassThru)
            {
                WriteObject(SupportContactOutput.For(tenant, set));
            }
        });
    }
}
