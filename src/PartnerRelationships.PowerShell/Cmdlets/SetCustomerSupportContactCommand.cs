using System.Collections.Generic;
using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Names one of the partner's indirect resellers as the support contact of a customer's subscription (or of every
/// subscription of the customer that can have one; new-commerce subscriptions cannot and are skipped with a warning).
/// </summary>
[Cmdlet(VerbsCommon.Set, "CustomerSupportContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByResellerSet)]
[OutputType(typeof(SubscriptionSupportContact))]
public sealed class SetCustomerSupportContactCommand : ConnectedCmdlet
{
    private const string ByResellerSet = "ByIndirectReseller";
    private const string ExplicitSet = "Explicit";
    private SupportContactService? _service;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    /// <summary>One subscription; every subscription of the customer that can have a support contact when left out.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? SubscriptionId { get; set; }

    /// <summary>One of the customer's indirect resellers, by MPN id, tenant id or name (looked up in Partner Center).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByResellerSet)]
    [ValidateNotNullOrEmpty]
    public string IndirectReseller { get; set; } = "";

    // Not bound from the pipeline: a customer object's Name is the customer's, not the support contact's.
    [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
    [ValidateNotNullOrEmpty]
    public string SupportTenantId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
    [ValidateNotNullOrEmpty]
    public string SupportMpnId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ExplicitSet)]
    [ValidateNotNullOrEmpty]
    public string SupportName { get; set; } = "";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var tenant = TenantIds.Require(CustomerTenantId);

            // Validate the explicit contact before any call: a bad id fails without a prompt.
            var explicitContact = ParameterSetName == ExplicitSet
                ? SupportContactService.Validate(new SupportContactInfo(SupportTenantId, SupportMpnId, SupportName))
                : null;
            _service ??= new SupportContactService(Connection.PartnerCenter);
            var service = _service;
            var targets = new List<CustomerSubscription>();
            if (SubscriptionId is not null)
            {
                var one = Await(token => service.FindSubscriptionAsync(tenant, SubscriptionId, token));
                SupportContactService.RequireSupported(one);
                targets.Add(one);
            }
            else
            {
                foreach (var subscription in Await(token => service.ListSubscriptionsAsync(tenant, token)))
                {
                    if (subscription.SupportContact == SupportContactAvailability.NotSupported)
                    {
                        WriteWarning($"Skipped '{subscription.SubscriptionName}' ({subscription.SubscriptionId}) of {subscription.CustomerName}: " +
                                     "a new-commerce subscription cannot have a support contact.");
                        continue;
                    }

                    targets.Add(subscription);
                }

                if (targets.Count == 0)
                {
                    WriteWarning($"The customer {tenant} has no subscription that can have a support contact.");
                    return;
                }
            }

            var contact = explicitContact ?? Await(token => service.IndirectResellerAsync(tenant, IndirectReseller, token));
            var who = $"{contact.Name} (MPN {contact.SupportMpnId}, tenant {contact.SupportTenantId})";
            foreach (var subscription in targets)
            {
                if (!ShouldProcess($"subscription '{subscription.SubscriptionName}' ({subscription.SubscriptionId}) of {subscription.CustomerName}",
                        $"Set the support contact to {who}"))
                {
                    continue;
                }

                // Each subscription on its own: one the service refuses does not stop the others.
                Try(() =>
                {
                    var set = Await(token => service.SetAsync(subscription, contact, token));
                    if (PassThru)
                    {
                        WriteObject(set);
                    }
                });
            }
        });
    }
}
