using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Reconciles the store with the services: records each status change of the open invites (accepted, rejected,
/// expired, terminated, admin rights removed) in the history, with its time, and outputs what changed. Every change is
/// a compare-and-set, so a repeated sync outputs nothing new and two syncs at once never record a change twice.
/// </summary>
[Cmdlet(VerbsData.Sync, "ResellerInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(InviteTransition))]
public sealed class SyncResellerInviteCommand : ConnectedCmdlet
{
    private const int ProgressActivityId = 1;
    private readonly List<Guid> _ids = new();

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InviteId")]
    [ValidateNotNull]
    public Guid[]? Id { get; set; }

    [Parameter]
    public InviteKind? Kind { get; set; }

    [Parameter]
    [Alias("Name")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? CustomerName { get; set; }

    /// <summary>Record acceptances without applying the invites' access templates.</summary>
    [Parameter]
    public SwitchParameter SkipTemplate { get; set; }

    protected override void ProcessRecord()
    {
        if (Id is not null)
        {
            _ids.AddRange(Id);
        }
    }

    protected override void EndProcessing()
    {
        // Invites piped in: sync those only. An empty pipeline (nothing matched upstream) syncs nothing, not everything.
        if (MyInvocation.ExpectingInput && _ids.Count == 0)
        {
            base.EndProcessing();
            return;
        }

        TryOrTerminate(Sync);
        base.EndProcessing();
    }

    private void Sync()
    {
        var scope = (_ids.Count > 0 ? $"{_ids.Count} invite{(_ids.Count == 1 ? "" : "s")}" : "open invites") +
                    (Kind is { } kind ? $" of kind {kind}" : "") +
                    (CustomerName is null ? "" : $" for customers matching '{CustomerName}'");
        if (!ShouldProcess(StoreOpener.Describe(Config.Store), $"Check {scope} against the partner services and record their status changes" + (SkipTemplate ? "" : ", applying the access template of each accepted invite that names one")))
        {
            return;
        }

        var failures = new ConcurrentQueue<InviteSyncFailure>();
        var options = new InviteSyncOptions
        {
            Kind = Kind,
            InviteIds = _ids.Count > 0 ? _ids : null,
            CustomerNamePattern = CustomerName,

            // Accepted invites that name a template get its assignments with no extra command.
            Templates = AccessTemplates.All(Config),
            SkipTemplate = SkipTemplate.IsPresent,

            // One invite's failed look-up is its own error record; the others are still synced.
            Failures = failures,
        };
        var service = new InviteSyncService(Store, Connection.GraphGdap, Connection.PartnerCenter, Clock, Config.Cloud);

        // A mistyped id is an error of its own (non-terminating); the known ones are still synced.
        if (_ids.Count > 0)
        {
            _ids.RemoveAll(id => !Try(() => Await(token => service.RequireRecordedAsync(id, token))));
            if (_ids.Count == 0)
            {
                return;
            }
        }

        var progress = ProgressFor<WorkProgress>(ProgressActivityId, InviteSyncService.Activity, report => (
            report.Total is { } total ? $"{report.Status} ({report.Current} of {total})" : report.Status,
            report.PercentComplete < 0 ? null : report.PercentComplete));
        var changes = 0;
        try
        {
            foreach (var transition in Stream(token => service.SyncAsync(options, progress, token)))
            {
                WriteFailures(failures);
                WriteObject(transition);
                changes++;
            }

            WriteFailures(failures);
        }
        finally
        {
            CompleteProgress(ProgressActivityId, InviteSyncService.Activity);
        }

        WriteSummary(changes);
    }

    /// <summary>
    /// "0 changes" (or "3 changes") for the person at the prompt, on the information stream as Write-Host writes it:
    /// shown by default, never in the pipeline's output, silenced with -InformationAction Ignore or 6&gt;$null.
    /// </summary>
    private void WriteSummary(int changes)
    {
        var text = $"Sync-ResellerInvite: {changes} change{(changes == 1 ? "" : "s")} recorded.";
        WriteVerbose(text);
        WriteInformation(new InformationRecord(new HostInformationMessage { Message = text }, MyInvocation.MyCommand.Name)
        {
            Tags = { "PSHOST", "PartnerRelationships", "SyncSummary" },
        });
    }

    private void WriteFailures(ConcurrentQueue<InviteSyncFailure> failures)
    {
        while (failures.TryDequeue(out var failure))
        {
            WriteError(ErrorRecords.From(failure.ToReportable()));
        }
    }
}
