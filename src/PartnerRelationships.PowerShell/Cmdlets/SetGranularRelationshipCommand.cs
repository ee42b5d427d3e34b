using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Bulk changes to customers' granular (GDAP) relationships: auto-extend on or off, and Global Administrator removed
/// where the service allows it. Each relationship change is confirmed on its own (ShouldProcess with what will happen);
/// relationships already as asked are skipped (verbose), those the service would refuse become non-terminating errors.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GranularRelationship", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DelegatedAdminRelationshipInfo))]
public sealed class SetGranularRelationshipCommand : ConnectedCmdlet
{
    private const int ProgressActivityId = 1;
    private const string ProgressActivity = "Changing granular relationships";
    private const int MaxConcurrentRemovals = 8;
    private readonly List<string> _tenants = new();
    private GranularRelationshipUpdateService? _service;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string[] CustomerTenantId { get; set; } = Array.Empty<string>();

    /// <summary>Turn auto-extend (by 180 days at each end) on ($true) or off ($false).</summary>
    [Parameter]
    public bool AutoExtend { get; set; }

    /// <summary>Remove the Global Administrator role from the relationships that have it.</summary>
    [Parameter]
    public SwitchParameter RemoveGlobalAdministrator { get; set; }

    private bool ChangesAutoExtend => MyInvocation.BoundParameters.ContainsKey(nameof(AutoExtend));

    protected override void BeginProcessing()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(AutoExtend)) && !RemoveGlobalAdministrator)
        {
            ThrowTerminatingError(ErrorRecords.From(new Core.Errors.PartnerRelationshipsException(ErrorIds.Workflow.GranularRelationshipNoChange,
                Core.Errors.ErrorKind.InvalidArgument,
                "Say what to change: -AutoExtend $true or $false, and/or -RemoveGlobalAdministrator.")));
        }

        base.BeginProcessing();
    }

    // Customers are collected first so the progress bar can show how far along the whole run is.
    protected override void ProcessRecord() => _tenants.AddRange(CustomerTenantId);

    protected override void EndProcessing()
    {
        _service = new GranularRelationshipUpdateService(Connection.GraphGdap);
        var tenants = _tenants.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        try
        {
            if (RemoveGlobalAdministrator)
            {
                // Before auto-extend: the service refuses auto-extend while Global Administrator is among the roles.
                RemoveGlobalAdministratorFrom(tenants);
            }

            if (ChangesAutoExtend)
            {
                for (var i = 0; i < tenants.Count; i++)
                {
                    var tenant = tenants[i];
                    Progress($"Auto-extend for customer {tenant}", i, tenants.Count);
                    Try(() => ApplyAll(Await(token => _service.PlanAutoExtendAsync(tenant, AutoExtend, token)),
                        change => Await(token => _service.ApplyAutoExtendAsync(change, AutoExtend, token))));
                }
            }
        }
        finally
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        base.EndProcessing();
    }

    /// <summary>
    /// Plans and confirms every removal first (prompts stay on this thread, one per change), then applies the approved
    /// ones a few at a time: each waits for its 202 operation, and one after another that was the sum of all the waits.
    /// </summary>
    private void RemoveGlobalAdministratorFrom(IReadOnlyList<string> tenants)
    {
        var approved = new List<RelationshipChange>();
        for (var i = 0; i < tenants.Count; i++)
        {
            var tenant = tenants[i];
            Progress($"Planning for customer {tenant}", i, tenants.Count);
            Try(() => ApplyAll(Await(token => _service!.PlanGlobalAdministratorRemovalAsync(tenant, token)),
                change => Await(token => _service!.ApplyGlobalAdministratorRemovalAsync(change, token)),
                approved.Add));
        }

        if (approved.Count == 0)
        {
            return;
        }

        Progress($"Removing Global Administrator from {approved.Count} relationship(s), {MaxConcurrentRemovals} at a time", 0, 1);
        foreach (var outcome in Await(token => _service!.ApplyGlobalAdministratorRemovalsAsync(approved, MaxConcurrentRemovals, token)))
        {
            Try(() =>
            {
                if (outcome.Error is { } error)
                {
                    ExceptionDispatchInfo.Capture(error).Throw();
                }

                WriteObject(outcome.Result);
            });
        }
    }

    private void Progress(string status, int done, int total) =>
        WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, status) { PercentComplete = (int)(100L * done / Math.Max(total, 1)) });

    /// <param name="defer">When given, approved changes are handed to it instead of applied here (applied later, together).</param>
    private void ApplyAll(IReadOnlyList<RelationshipChange> changes, Func<RelationshipChange, DelegatedAdminRelationshipInfo> apply, Action<RelationshipChange>? defer = null)
    {
        foreach (var change in changes)
        {
            // Each relationship on its own: one refused or failed change does not stop the others.
            Try(() =>
            {
                switch (change.Kind)
                {
                    case RelationshipChangeKind.NoChange:
                        WriteVerbose(change.Description);
                        return;
                    case RelationshipChangeKind.NotAllowed:
                        apply(change); // throws the change's error id with its description
                        return;
                }

                if (ShouldProcess(change.Description, change.Description + "?", "Change granular relationship"))
                {
                    if (defer is not null)
                    {
                        defer(change);
                    }
                    else
                    {
                        WriteObject(apply(change));
                    }
                }
            });
        }
    }
}
