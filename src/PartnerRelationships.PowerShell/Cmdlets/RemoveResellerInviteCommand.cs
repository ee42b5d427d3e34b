using System;
using System.Management.Automation;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Cancels invites the customer has not acted on (Pending → Cancelled, in the history). A granular invite's
/// relationship is deleted while it is still a draft; one awaiting approval can't be withdrawn, which a warning says.
/// Only granular invites need a connection.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ResellerInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ResellerInvite))]
public sealed class RemoveResellerInviteCommand : ConnectedCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InviteId")]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // Cancelling a reseller invite only writes the store: connect when a granular invite needs the services.
    protected override bool ConnectsOnBegin => false;

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            Try(() => Cancel(id));
        }
    }

    private void Cancel(Guid id)
    {
        var offline = new InviteCancellation(Store, null, Clock);
        var invite = Await(token => offline.GetCancellableAsync(id, token));
        var needsServices = invite.Kind == InviteKind.GranularAdmin && invite.RelationshipId is not null;
        if (!ShouldProcess($"{invite.CustomerName} ({invite.Id})", InviteCancellation.Describe(invite)))
        {
            return;
        }

        var cancellation = needsServices ? new InviteCancellation(Store, EnsureConnected().GraphGdap, Clock) : offline;
        var cancelled = Await(token => cancellation.CancelAsync(id, token));
        if (cancelled.Warning is not null)
        {
            WriteWarning(cancelled.Warning);
        }

        if (cancelled.RelationshipDeleted)
        {
            WriteVerbose($"Deleted the relationship '{cancelled.Invite.RelationshipDisplayName}' ({cancelled.Invite.RelationshipId}), which was never sent for approval.");
        }

        if (PassThru)
        {
            WriteObject(cancelled.Invite);
        }
    }
}
