using System.IO;
using System.Management.Automation;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>Writes a commented starter configuration file.</summary>
[Cmdlet(VerbsCommon.New, "PartnerRelationshipConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class NewPartnerRelationshipConfigCommand : PartnerRelationshipsCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    public string PartnerTenantId { get; set; } = "";

    /// <summary>The partner's MPN id (digits); -PartnerId is its older name (the link's partnerId is the tenant GUID).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("PartnerId")]
    [ValidateNotNullOrEmpty]
    public string? MpnId { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string PartnerName { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? IndirectResellerTenantId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? IndirectResellerMpnId { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var target = Path is null ? ConfigLocator.DefaultConfigPath() : GetUnresolvedProviderPathFromPSPath(Path);
            var text = ConfigScaffolder.Render(PartnerTenantId, MpnId, PartnerName, IndirectResellerTenantId, IndirectResellerMpnId);
            if (!ShouldProcess(target, "Write starter configuration"))
            {
                return;
            }

            ConfigScaffolder.Write(target, text, Force.IsPresent);
            WriteObject(new FileInfo(target));
        });
    }
}
