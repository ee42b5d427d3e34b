using System.Management.Automation;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Checks that the session (or, in a runbook, the configuration's unattended sign-in) can reach the partner
/// services: signs in and makes one cheap call. Outputs the connection it checked.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PartnerRelationshipConnection")]
[OutputType(typeof(PartnerConnectionInfo))]
public sealed class TestPartnerRelationshipConnectionCommand : ConnectedCmdlet
{
    protected override void EndProcessing()
    {
        TryOrTerminate(() =>
        {
            var check = Await(token => ConnectionCheck.VerifyAsync(Connection, token));
            if (check.Warning is not null)
            {
                WriteWarning(check.Warning);
            }

            WriteObject(ConnectionInfo);
        });
        base.EndProcessing();
    }
}
