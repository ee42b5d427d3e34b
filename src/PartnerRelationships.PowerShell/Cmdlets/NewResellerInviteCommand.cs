using System.Management.Automation;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Writes the reseller relationship request for a customer (a draft email with the link personalised to the
/// partner's account), records the invite in the store, and optionally saves it as .eml or copies it.
/// </summary>
[Cmdlet(VerbsCommon.New, "ResellerInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ResellerInvite))]
public sealed class NewResellerInviteCommand : ConfiguredCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "CompanyName", "DisplayName")]
    public string CustomerName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Email", "EmailAddress", "Mail")]
    public string CustomerEmail { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    public string? CustomerTenantId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Subject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Message")]
    public string? Body { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TemplatePath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter CopyToClipboard { get; set; }

    protected override bool RequiresConfigFile => true;

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var request = new ResellerInviteRequest
            {
                CustomerName = CustomerName,
                CustomerEmail = CustomerEmail,
                CustomerTenantId = CustomerTenantId,
                Subject = Subject,
                Body = Body,
                TemplatePath = TemplatePath is null ? null : GetUnresolvedProviderPathFromPSPath(TemplatePath),
                DraftFile = OutFile is null ? null : GetUnresolvedProviderPathFromPSPath(OutFile),
                OverwriteDraftFile = Force.IsPresent,
            };

            var service = new InviteService(Config, Store, Clock);

            // Compose first: bad input fails before anything is asked or written.
            var draft = service.Prepare(request);
            if (!ShouldProcess($"{CustomerName} <{CustomerEmail}>", "Record reseller invite"))
            {
                return;
            }

            var created = Await(token => service.RecordAsync(request, draft, token));
            var output = PSObject.AsPSObject(created.Invite);
            if (created.DraftFile is not null)
            {
                output.Properties.Add(new PSNoteProperty("DraftFile", created.DraftFile));
            }

            if (CopyToClipboard)
            {
                Clipboard.SetText(this, $"Subject: {draft.Subject}\n\n{draft.Body}");
            }

            WriteObject(output);
        });
    }
}
