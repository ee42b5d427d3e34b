using System;
using System.Management.Automation;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;
using PartnerRelationships.PowerShell.Validation;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// For runbooks that invite and carry on once the customer accepts: syncs the invite, waiting with backoff between
/// checks, and outputs it once accepted (its access template applied by that sync). An invite that ends otherwise
/// fails with InviteWaitEnded; running out of time with InviteWaitTimeout.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "ResellerInvite")]
[OutputType(typeof(ResellerInvite))]
public sealed class WaitResellerInviteCommand : ConnectedCmdlet
{
    private const int ProgressActivityId = 1;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InviteId")]
    public Guid Id { get; set; }

    /// <summary>How long to wait in all; zero checks once.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; }

    /// <summary>The wait before the second check; doubles after each check up to -MaxPollInterval.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Parameter]
    [DurationTransformation]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Record the acceptance without applying the invite's access template.</summary>
    [Parameter]
    public SwitchParameter SkipTemplate { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            if (Timeout < TimeSpan.Zero || PollInterval <= TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
            {
                throw new Core.Errors.PartnerRelationshipsException(ErrorIds.Invite.InviteWaitIntervalInvalid, Core.Errors.ErrorKind.InvalidArgument,
                    "-Timeout must not be negative, and -PollInterval and -MaxPollInterval must be positive (e.g. -Timeout (New-TimeSpan -Hours 4) -PollInterval (New-TimeSpan -Seconds 30)).");
            }

            var options = new InviteWaitOptions
            {
                PollInterval = PollInterval,
                MaxPollInterval = MaxPollInterval < PollInterval ? PollInterval : MaxPollInterval,
                Sync = new InviteSyncOptions { Templates = AccessTemplates.All(Config), SkipTemplate = SkipTemplate.IsPresent },
            };
            var waiter = new InviteWaiter(new InviteSyncService(Store, Connection.GraphGdap, Connection.PartnerCenter, Clock, Config.Cloud), Store, Clock);
            var progress = ProgressFor<WorkProgress>(ProgressActivityId, InviteWaiter.Activity, report => ($"{report.Status} (check {report.Current})", null));
            try
            {
                WriteObject(Await(token => waiter.WaitAsync(Id, Timeout, options, progress, token)));
            }
            finally
            {
                CompleteProgress(ProgressActivityId, InviteWaiter.Activity);
            }
        });
    }
}
