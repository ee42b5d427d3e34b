using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>The session's connection (who is signed in where), or nothing when not connected.</summary>
[Cmdlet(VerbsCommon.Get, "PartnerRelationshipConnection")]
[OutputType(typeof(PartnerConnectionInfo))]
public sealed class GetPartnerRelationshipConnectionCommand : PartnerRelationshipsCmdlet
{
    protected override void EndProcessing()
    {
        if (SessionConnection.Current is { } current)
        {
            WriteObject(current.Info);
        }
        else
        {
            WriteVerbose("Not connected. Run Connect-PartnerRelationship.");
        }
    }
}
