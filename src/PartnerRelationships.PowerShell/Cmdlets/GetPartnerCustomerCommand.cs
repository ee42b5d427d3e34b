using System.Management.Automation;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Lists the partner's customers with their reseller and granular relationships and admin-permission state. Results
/// stream page by page, so the first customers show (and Select-Object -First stops the listing) before the last page;
/// only while the relationship list loads are customer pages read ahead (a bounded number, see CustomerDirectory).
/// </summary>
[Cmdlet(VerbsCommon.Get, "PartnerCustomer")]
[OutputType(typeof(PartnerCustomer))]
public sealed class GetPartnerCustomerCommand : ConnectedCmdlet
{
    [Parameter(Position = 0)]
    [Alias("CustomerName", "CompanyName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerTenantId", "Id")]
    [ValidateNotNullOrEmpty]
    public string? TenantId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Domain { get; set; }

    [Parameter]
    public SwitchParameter IncludeEndedRelationships { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var filter = new CustomerFilter
            {
                Name = Name,
                TenantId = TenantId,
                Domain = Domain,
                IncludeEndedRelationships = IncludeEndedRelationships.IsPresent,
            };
            var directory = new CustomerDirectory(Connection.Gateway, Connection.PartnerCenter);
            foreach (var customer in Stream(token => directory.ListAsync(filter, token)))
            {
                WriteObject(customer);
            }
        });
    }
}
