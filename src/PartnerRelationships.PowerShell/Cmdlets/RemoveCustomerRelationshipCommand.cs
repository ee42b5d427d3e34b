using System;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Text;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Ends a customer's relationships: terminates its active granular (GDAP) relationships (the default), and with
/// -Reseller removes the reseller relationship. The removal is recorded in the store (the invites for what ended
/// become Terminated), and every removal warns that the partner's support obligations outlive admin access.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "CustomerRelationship", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RelationshipRemovalResult))]
public sealed class RemoveCustomerRelationshipCommand : ConnectedCmdlet
{
    private const int ProgressActivityId = 1;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    /// <summary>End the granular relationships (the default when neither -Granular nor -Reseller is given).</summary>
    [Parameter]
    public SwitchParameter Granular { get; set; }

    /// <summary>Remove the reseller relationship; with -Granular too, both.</summary>
    [Parameter]
    public SwitchParameter Reseller { get; set; }

    /// <summary>Only these granular relationships (implies -Granular).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RelationshipId { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var granular = Granular.IsPresent || RelationshipId is { Length: > 0 } || !Reseller.IsPresent;
            var request = new RelationshipRemovalRequest
            {
                CustomerTenantId = CustomerTenantId,
                Granular = granular,
                Reseller = Reseller.IsPresent,
                RelationshipIds = RelationshipId,
            };
            var service = new RelationshipRemovalService(Store, Connection.GraphGdap, Connection.PartnerCenter, Clock);

            // Plan first (read-only), so -WhatIf and -Confirm describe exactly what would end.
            var plan = Await(token => service.PlanAsync(request, token));
            foreach (var pending in plan.LeftPending)
            {
                WriteWarning($"The relationship '{pending.DisplayName}' awaits the customer's approval: a partner can neither terminate nor delete it, so it stays until it expires unapproved.");
            }

            foreach (var activating in plan.NotYetActive)
            {
                WriteWarning($"The relationship '{activating.DisplayName}' was approved and is being activated ({activating.Status}): the service terminates only active relationships, so run this again in a few minutes to end it.");
            }

            if (!ShouldProcess(plan.Description, plan.Description + "?", "Remove customer relationship"))
            {
                return;
            }

            var progress = ProgressFor<WorkProgress>(ProgressActivityId, RelationshipRemovalService.Activity, report => (
                report.Status, report.PercentComplete < 0 ? null : report.PercentComplete));
            RelationshipRemovalResult result;
            try
            {
                result = Await(token => service.ExecuteAsync(plan, progress, token));
            }
            finally
            {
                CompleteProgress(ProgressActivityId, RelationshipRemovalService.Activity);
            }

            foreach (var id in result.TerminationUnconfirmedRelationshipIds)
            {
                var name = plan.ToTerminate.FirstOrDefault(r => r.Id == id)?.DisplayName ?? id;
                WriteWarning($"The service accepted the request to terminate '{name}' but had not started ending it after " +
                    $"{service.TerminationWaitLimit.TotalSeconds:0} s, so the store does not record it as ended yet: {CommandNames.SyncResellerInvite} " +
                    $"records the end once the service shows it. If it stays active, the service failed the request: run {CommandNames.RemoveCustomerRelationship} again.");
            }

            WriteWarning($"{result.CustomerName ?? result.CustomerTenantId}: {result.Warning}");
            WriteObject(result);
        });
    }
}
