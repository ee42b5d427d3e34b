using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
            for (var i = 0; i < tenants.Count; i++)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, $"Customer {tenants[i]} ({i + 1} of {tenants.Count})")
                {
                    PercentComplete = (int)(100L * i / tenants.Count),
                });

                var tenant = tenants[i];
                if (RemoveGlobalAdministrator)
                {
                    // Before auto-extend: the service refuses auto-extend while Global Administrator is among the roles.
                    Try(() => ApplyAll(Await(token => _service.PlanGlobalAdministratorRemovalAsync(tenant, token)),
                        change => Await(token => _service.ApplyGlobalAdministratorRemovalAsync(change, token))));
                }

                if (ChangesAutoExtend)
                {
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

    private void ApplyAll(IReadOnlyList<RelationshipChange> changes, Func<RelationshipChange, DelegatedAdminRelationshipInfo> apply)
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
                    WriteObject(apply(change));
                }
            });
        }
    }
}
