using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Completers;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Gives a partner security group roles at a customer: creates the group's access assignment on the relationship, or
/// updates its roles (with the ETag read, so a concurrent change fails instead of being overwritten). Each relationship
/// is confirmed on its own; -WhatIf reads but changes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Set, "AdminPermission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = CustomerSet)]
[OutputType(typeof(AdminPermission))]
public sealed class SetAdminPermissionCommand : CustomerOrRelationshipCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    public string SecurityGroupId { get; set; } = "";

    [Parameter(Mandatory = true)]
    [Alias("Roles")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Role { get; set; } = System.Array.Empty<string>();

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ETag { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var service = new AdminPermissionService(Connection.GraphGdap);
            var request = new AdminPermissionRequest
            {
                RelationshipId = ByRelationship ? RelationshipId : null,
                CustomerTenantId = ByRelationship ? null : CustomerTenantId,
                SecurityGroupId = SecurityGroupId,
                Roles = Role,
                ETag = ETag,
            };

            // Plan first (read-only): bad input and inactive relationships fail before anything is asked or changed.
            var plan = Await(token => service.PlanAsync(request, token));
            var confirmed = plan.Steps.Where(step =>
            {
                if (step.Action == AdminPermissionAction.NoChange)
                {
                    WriteVerbose(step.Description);
                    return true;
                }

                return ShouldProcess(step.Description, step.Description + "?", "Set admin permission");
            }).ToList();

            // NoChange steps write nothing remotely: applying only them is safe even under -WhatIf.
            if (confirmed.Count == 0 || (!confirmed.Any(s => s.Action != AdminPermissionAction.NoChange) && !PassThru))
            {
                return;
            }

            var result = Await(token => service.ApplyAsync(plan.WithSteps(confirmed), token));
            if (PassThru)
            {
                WriteObject(result, enumerateCollection: true);
            }
        });
    }
}
