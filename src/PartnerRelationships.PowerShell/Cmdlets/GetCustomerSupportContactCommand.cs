using System.Management.Automation;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Who supports a customer, per subscription: one record for each of the customer's subscriptions (or the one given),
/// with State Set, NotSet or NotSupported (new commerce).
/// </summary>
[Cmdlet(VerbsCommon.Get, "CustomerSupportContact")]
[OutputType(typeof(SubscriptionSupportContact))]
public sealed class GetCustomerSupportContactCommand : ConnectedCmdlet
{
    private SupportContactService? _service;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    /// <summary>One subscription; all of the customer's when left out.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? SubscriptionId { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            _service ??= new SupportContactService(Connection.PartnerCenter);
            foreach (var contact in Await(token => _service.GetAsync(CustomerTenantId, SubscriptionId, token)))
            {
                WriteObject(contact);
            }
        });
    }
}
