using System.Management.Automation;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>Shows the effective configuration: the file found (or the defaults), validated.</summary>
[Cmdlet(VerbsCommon.Get, "PartnerRelationshipConfig")]
[OutputType(typeof(PartnerRelationshipsConfig))]
public sealed class GetPartnerRelationshipConfigCommand : ConfiguredCmdlet
{
    protected override void EndProcessing()
    {
        TryOrTerminate(() => WriteObject(Config));
        base.EndProcessing();
    }
}
