using System;
using System.Collections.Generic;
using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Completers;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Compares customers' access assignments with an access template and outputs the plan: assignments to add, change or
/// remove, relationships whose roles cannot satisfy the template, and groups that no longer exist. Read-only; pipe the
/// items into Invoke-AdminPermissionPlan to apply them.
/// </summary>
[Cmdlet(VerbsData.Compare, "AdminPermission", DefaultParameterSetName = CustomerSet)]
[OutputType(typeof(AccessPlanItem))]
public sealed class CompareAdminPermissionCommand : ConnectedCmdlet
{
    private const string CustomerSet = "Customer";
    private const string RelationshipSet = "Relationship";
    private const int ProgressActivityId = 1;

    private readonly List<string> _tenants = new();
    private readonly List<string> _relationships = new();
    private AccessTemplate? _template;

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("AccessTemplate")]
    [ArgumentCompleter(typeof(TemplateNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Template { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = CustomerSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string[] CustomerTenantId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = RelationshipSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] RelationshipId { get; set; } = Array.Empty<string>();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();

        // An unknown template fails before any customer is read.
        TryOrTerminate(() => _template = AccessTemplates.Resolve(Config, Template));
    }

    // Customers are collected and planned together: each group's existence is asked once for the whole plan.
    protected override void ProcessRecord()
    {
        if (ParameterSetName == RelationshipSet)
        {
            _relationships.AddRange(RelationshipId);
        }
        else
        {
            _tenants.AddRange(CustomerTenantId);
        }
    }

    protected override void EndProcessing()
    {
        TryOrTerminate(Plan);
        base.EndProcessing();
    }

    private void Plan()
    {
        var planner = new TemplatePlanner(Connection.GraphGdap, Store);
        AccessPlan plan;
        if (ParameterSetName == RelationshipSet)
        {
            plan = Await(async token =>
            {
                var relationships = new List<DelegatedAdminRelationshipInfo>();
                foreach (var id in _relationships)
                {
                    relationships.Add(await Connection.GraphGdap.GetRelationshipAsync(id, token).ConfigureAwait(false));
                }

                return await planner.PlanRelationshipsAsync(_template!, relationships, token).ConfigureAwait(false);
            });
        }
        else
        {
            var progress = ProgressFor<WorkProgress>(ProgressActivityId, TemplatePlanner.Activity, report => (
                report.Total is { } total ? $"{report.Status} ({report.Current} of {total})" : report.Status,
                report.PercentComplete < 0 ? null : report.PercentComplete));
            try
            {
                plan = Await(token => planner.PlanAsync(_template!, _tenants, progress, token));
            }
            finally
            {
                CompleteProgress(ProgressActivityId, TemplatePlanner.Activity);
            }
        }

        WriteVerbose($"Template '{plan.Template.Name}': {plan.RelationshipsChecked} relationship(s) checked, {plan.Items.Count} difference(s).");
        foreach (var item in plan.Items)
        {
            WriteObject(item);
        }
    }
}
