using System.Management.Automation;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Lists the access assignments (which partner security group holds which roles) on a granular relationship, or on
/// every active granular relationship of a customer.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AdminPermission", DefaultParameterSetName = CustomerSet)]
[OutputType(typeof(AdminPermission))]
public sealed class GetAdminPermissionCommand : CustomerOrRelationshipCmdlet
{
    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var service = new AdminPermissionService(Connection.GraphGdap);
            foreach (var permission in Stream(token => service.GetAsync(ByRelationship ? RelationshipId : null, ByRelationship ? null : CustomerTenantId, token)))
            {
                WriteObject(permission);
            }
        });
    }
}
