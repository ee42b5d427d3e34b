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
public sealed class GetAdminPermissionCommand : ConnectedCmdlet
{
    private const string CustomerSet = "Customer";
    private const string RelationshipSet = "Relationship";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CustomerSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = RelationshipSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RelationshipId { get; set; } = "";

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var service = new AdminPermissionService(Connection.Gateway);
            var byRelationship = ParameterSetName == RelationshipSet;
            foreach (var permission in Stream(token => service.GetAsync(byRelationship ? RelationshipId : null, byRelationship ? null : CustomerTenantId, token)))
            {
                WriteObject(permission);
            }
        });
    }
}
