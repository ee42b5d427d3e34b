using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>Closes the session's connection and forgets its credential. Changes nothing at the service.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "PartnerRelationship")]
[OutputType(typeof(PartnerConnectionInfo))]
public sealed class DisconnectPartnerRelationshipCommand : PartnerRelationshipsCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var closed = SessionConnection.Clear();
        if (closed is null)
        {
            WriteVerbose("There was no connection to close.");
            return;
        }

        WriteVerbose($"Disconnected from {closed.Info.GraphEndpoint} ({closed.Info.AuthMode}).");
        if (PassThru)
        {
            WriteObject(closed.Info);
        }
    }
}
