using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Applies plan items from Compare-AdminPermission, one at a time with ShouldProcess (the item's sentence): adds and
/// changes assignments, removes those the template does not list (high impact: confirmed unless -Force). Items only a
/// person can resolve (a missing group, a relationship without the roles) become non-terminating errors saying why.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "AdminPermissionPlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AccessAssignmentInfo))]
public sealed class InvokeAdminPermissionPlanCommand : ConnectedCmdlet
{
    private TemplatePlanner? _planner;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Item", "PlanItem")]
    [ValidateNotNull]
    public AccessPlanItem[] InputObject { get; set; } = System.Array.Empty<AccessPlanItem>();

    /// <summary>Remove assignments without the extra confirmation their high impact asks for.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Output each assignment as it stands after adding or changing it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject)
        {
            Try(() => Apply(item));
        }
    }

    private void Apply(AccessPlanItem item)
    {
        _planner ??= new TemplatePlanner(Connection.GraphGdap);
        if (item.CanApply && !Confirmed(item))
        {
            return;
        }

        // Not applicable items throw TemplateItemNotApplicable with their sentence: nothing is changed.
        var assignment = Await(token => _planner.ApplyItemAsync(item, token));
        if (assignment is not null && PassThru)
        {
            WriteObject(assignment);
        }
    }

    private bool Confirmed(AccessPlanItem item)
    {
        if (!ShouldProcess(item.Description, item.Description + "?", "Apply access plan"))
        {
            return false;
        }

        // Removing access is high impact although the cmdlet is Medium: ask once more unless -Force or -Confirm decided.
        if (item.Kind != AccessPlanItemKind.Remove || Force || MyInvocation.BoundParameters.ContainsKey("Confirm"))
        {
            return true;
        }

        var preference = SessionState.PSVariable.GetValue("ConfirmPreference", ConfirmImpact.High);
        var threshold = preference is ConfirmImpact impact ? impact : LanguagePrimitives.ConvertTo<ConfirmImpact>(preference);
        return threshold == ConfirmImpact.None || ConfirmImpact.High < threshold
            || ShouldContinue(item.Description + "?", "Remove access assignment");
    }
}
