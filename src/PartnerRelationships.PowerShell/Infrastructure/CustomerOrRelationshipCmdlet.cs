using System.Management.Automation;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// A cmdlet that works on a customer's granular relationships (by tenant id, from the pipeline) or on one relationship
/// named by id: the identity parameters and their sets, shared so they read the same everywhere.
/// </summary>
public abstract class CustomerOrRelationshipCmdlet : ConnectedCmdlet
{
    protected const string CustomerSet = "Customer";
    protected const string RelationshipSet = "Relationship";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CustomerSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    [ValidateNotNullOrEmpty]
    public string CustomerTenantId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = RelationshipSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RelationshipId { get; set; } = "";

    /// <summary>True when one relationship was named; false for all of a customer's.</summary>
    protected bool ByRelationship => ParameterSetName == RelationshipSet;
}
