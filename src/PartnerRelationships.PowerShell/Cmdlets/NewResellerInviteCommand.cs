using System;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Completers;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Writes an invite for a customer and records it in the store. A reseller invite is composed offline (the link
/// personalised to the partner's account); a granular admin invite creates the GDAP relationship, locks it for approval
/// and puts its approval link in the draft, so only that kind needs a connection. Optionally saves the draft as .eml
/// or copies it.
/// </summary>
[Cmdlet(VerbsCommon.New, "ResellerInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ResellerInvite))]
public sealed class NewResellerInviteCommand : ConnectedCmdlet
{
    private const int ProgressActivityId = 1;
    private const string ProgressActivity = "Writing invites";
    private int _written;
    private string? _serviceLink;
    private bool _serviceLinkAsked;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "CompanyName", "DisplayName")]
    public string CustomerName { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Email", "EmailAddress", "Mail")]
    public string CustomerEmail { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("TenantId")]
    public string? CustomerTenantId { get; set; }

    [Parameter]
    public InviteKind Kind { get; set; } = InviteKind.Reseller;

    /// <summary>An access template from the configuration: its roles, duration and naming; applied on acceptance by Sync-ResellerInvite.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AccessTemplate")]
    [ArgumentCompleter(typeof(TemplateNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Template { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RelationshipDisplayName")]
    public string? RelationshipName { get; set; }

    [Parameter]
    [Alias("Roles")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Role { get; set; }

    /// <summary>Text so both "P90D" and a [TimeSpan] (which binds as "90.00:00:00") work; Core parses and validates it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Duration { get; set; }

    [Parameter]
    public SwitchParameter AutoExtend { get; set; }

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

    /// <summary>
    /// Record another invite although one is still pending: a reseller invite to the same address, or a granular invite
    /// to the same customer with the same roles, duration and auto-extend awaiting approval. Without it the pending
    /// invite is returned with a warning, so re-running a batch never doubles an invite (nor a customer's approval requests).
    /// </summary>
    [Parameter]
    public SwitchParameter AllowDuplicate { get; set; }

    protected override bool RequiresConfigFile => true;

    // Reseller invites are composed offline: connect only when a granular invite needs the services.
    protected override bool ConnectsOnBegin => false;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();

        Kind = ResellerInviteRules.KindFor(Kind, kindGiven: IsBound(nameof(Kind)), templateGiven: IsBound(nameof(Template)));

        // Customers from the pipeline each get a draft: a path that is not a folder would take the first and refuse
        // the rest, after the first was recorded. Refuse it before anything happens.
        if (OutFile is not null && MyInvocation.ExpectingInput)
        {
            TryOrTerminate(() => DraftFolder.RequireForSeveralCustomers(ResolvePath(OutFile)!));
        }

        TryOrTerminate(() => ResellerInviteRules.RefuseGranularOnlyInputs(Kind, IsBound));
    }

    protected override void ProcessRecord()
    {
        if (Kind == InviteKind.GranularAdmin && !IsConnected)
        {
            // No later item could do better without a connection: stop here.
            TryOrTerminate(() => EnsureConnected());
        }

        var recorded = Try(() =>
        {
            var output = Kind == InviteKind.GranularAdmin ? CreateGranular() : RecordReseller();
            if (output is not null)
            {
                WriteObject(output);
                _written++;
            }
        });

        if (recorded && MyInvocation.ExpectingInput)
        {
            // Streaming input: the total is unknown, so the bar counts what was written.
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, $"{_written} invite{(_written == 1 ? "" : "s")} written ({CustomerName})")
            {
                PercentComplete = -1,
            });
        }
    }

    protected override void EndProcessing()
    {
        if (MyInvocation.ExpectingInput)
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, ProgressActivity, $"{_written} invites written") { RecordType = ProgressRecordType.Completed });
        }

        base.EndProcessing();
    }

    private PSObject? RecordReseller()
    {
        ResellerInviteRules.RefuseGranularOnlyValues(RelationshipName, Template);

        var request = new ResellerInviteRequest
        {
            CustomerName = CustomerName,
            CustomerEmail = CustomerEmail,
            CustomerTenantId = CustomerTenantId,
            Subject = Subject,
            Body = Body,
            TemplatePath = ResolvePath(TemplatePath),
            DraftFile = ResolvePath(OutFile),
            OverwriteDraftFile = Force.IsPresent,
            AllowDuplicate = AllowDuplicate.IsPresent,
            ServiceLink = ServiceLink(),
        };

        var service = new InviteService(Config, Store, Clock);

        // Compose first: bad input fails before anything is asked or written.
        var draft = service.Prepare(request);
        if (!ShouldProcess($"{CustomerName} <{CustomerEmail}>", "Record reseller invite"))
        {
            return null;
        }

        var created = Await(token => service.RecordAsync(request, draft, token));
        if (created.AlreadyPending)
        {
            WriteWarning($"An invite to {created.Invite.CustomerEmail} is already pending (recorded {created.Invite.CreatedAt:yyyy-MM-dd HH:mm} UTC, id " +
                         $"{created.Invite.Id}); nothing new was recorded and that invite is returned" +
                         (created.DraftFile is null ? "." : $" with its draft {created.DraftFile}.") +
                         " Use -AllowDuplicate to record another.");
            return Output(created, created.Invite.Subject, created.Invite.Body);
        }

        return Output(created, draft.Subject, draft.Body);
    }

    /// <summary>
    /// In a connected session, the link Partner Center hands out for this partner (asked once per command): it is
    /// authoritative, where the composed one rests on the configuration. Without a session connection (no sign-in is
    /// started for it), or when the service cannot say, null.
    /// </summary>
    private string? ServiceLink()
    {
        if (_serviceLinkAsked || !TryUseSessionConnection())
        {
            return _serviceLink;
        }

        _serviceLinkAsked = true;
        var answer = Await(token => ResellerServiceLink.AskAsync(Config, Connection.PartnerCenter, token));
        if (answer.Detail is not null)
        {
            WriteVerbose(answer.Detail);
        }

        if (answer.Warning is not null)
        {
            WriteWarning(answer.Warning);
        }

        _serviceLink = answer.Link;
        return _serviceLink;
    }

    private PSObject? CreateGranular()
    {
        var request = new GranularInviteRequest
        {
            CustomerName = CustomerName,
            CustomerEmail = CustomerEmail,
            CustomerTenantId = CustomerTenantId,
            DisplayName = RelationshipName,
            Roles = Role,
            AccessTemplate = string.IsNullOrWhiteSpace(Template) ? null : Template,
            Duration = Duration is null ? null : RelationshipDurations.FromText(Duration, "-Duration"),
            AutoExtend = MyInvocation.BoundParameters.ContainsKey(nameof(AutoExtend)) ? AutoExtend.IsPresent : null,
            Subject = Subject,
            Body = Body,
            TemplatePath = ResolvePath(TemplatePath),
            DraftFile = ResolvePath(OutFile),
            OverwriteDraftFile = Force.IsPresent,
            AllowDuplicate = AllowDuplicate.IsPresent,
        };

        var service = new GranularInviteService(Config, Store, Connection.GraphGdap, Clock);

        // Validate first (roles, duration, name, wording): nothing is created remotely or recorded before the answer.
        var plan = service.Prepare(request);
        if (!ShouldProcess(plan.CustomerName, plan.Description))
        {
            return null;
        }

        var created = Await(token => service.CreateAsync(plan, token));
        if (created.AlreadyPending)
        {
            WriteWarning($"An invite to {created.Invite.CustomerEmail} for the same access already awaits approval (relationship " +
                         $"'{created.Invite.RelationshipDisplayName}', recorded {created.Invite.CreatedAt:yyyy-MM-dd HH:mm} UTC, id {created.Invite.Id}); " +
                         "no relationship was created and that invite is returned" +
                         (created.DraftFile is null ? "." : $" with its draft {created.DraftFile}.") +
                         " Use -AllowDuplicate to create another.");
        }

        var output = Output(created, created.Invite.Subject, created.Invite.Body);

        // What the admin needs next (the approval link to send, and what the customer is asked to approve) in the
        // default view, as flat values that export as they read.
        output.TypeNames.Insert(0, GranularInviteTypeName);
        output.Properties.Add(new PSNoteProperty("Roles", string.Join("; ", plan.Roles.Select(r => r.Name))));
        output.Properties.Add(new PSNoteProperty("Duration", RelationshipDurations.Format(plan.Duration)));
        output.Properties.Add(new PSNoteProperty("AutoExtend", plan.AutoExtendDuration > TimeSpan.Zero));
        return output;
    }

    /// <summary>The type name of a just-created granular invite's output: its own list view (module/*.format.ps1xml).</summary>
    internal const string GranularInviteTypeName = "PartnerRelationships.Core.Invites.ResellerInvite#GranularAdminCreated";

    private PSObject Output(CreatedInvite created, string subject, string body)
    {
        var output = PSObject.AsPSObject(created.Invite);
        if (created.DraftFile is not null)
        {
            output.Properties.Add(new PSNoteProperty("DraftFile", created.DraftFile));
        }

        if (CopyToClipboard)
        {
            Clipboard.SetText(this, $"Subject: {subject}\n\n{body}");
        }

        return output;
    }

    private string? ResolvePath(string? path) => path is null ? null : GetUnresolvedProviderPathFromPSPath(path);

    private bool IsBound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
}
