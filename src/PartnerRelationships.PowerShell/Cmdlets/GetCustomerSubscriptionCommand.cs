using System.Management.Automation;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// A customer's Partner Center subscriptions, each saying whether it can have a support contact (new-commerce ones
/// cannot). Pipes on to Get-/Set-CustomerSupportContact.
/// </summary>
[Cmdlet(VerbsCommon.Get, "CustomerSubscription")]
[OutputType(typeof(CustomerSubscription))]
public sealed class GetCustomerSubscriptionCommand : ConnectedCmdlet
{
    private SupportContactService? _service;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            _service ??= new SupportContactService(Connection.PartnerCenter);
            var subscriptions = Await(token => _service.ListSubscriptionsAsync(CustomerTenantId, token));
            if (subscriptions.Count == 0)
            {
                WriteVerbose($"The customer {CustomerTenantId} has no subscriptions.");
            }

            foreach (var subscription in subscriptions)
            {
                WriteObject(subscription);
            }
        });
    }
}
