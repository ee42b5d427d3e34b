using System;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.PowerShell.Infrastructure;
using PartnerRelationships.PowerShell.Validation;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Lists recorded invites, filtered by id, status, customer name (wildcards), kind, age and time left pending;
/// -IncludeHistory adds each invite's status history.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ResellerInvite", DefaultParameterSetName = "Filter")]
[OutputType(typeof(ResellerInvite))]
public sealed class GetResellerInviteCommand : ConfiguredCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InviteId")]
    public Guid[] Id { get; set; } = Array.Empty<Guid>();

    [Parameter(ParameterSetName = "Filter", Position = 0)]
    [Alias("Name")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? CustomerName { get; set; }

    [Parameter(ParameterSetName = "Filter")]
    public InviteStatus[]? Status { get; set; }

    [Parameter(ParameterSetName = "Filter")]
    public InviteKind? Kind { get; set; }

    [Parameter(ParameterSetName = "Filter")]
    [DurationTransformation]
    [ValidateNonNegativeTimeSpan]
    public TimeSpan? OlderThan { get; set; }

    [Parameter(ParameterSetName = "Filter")]
    [DurationTransformation]
    [ValidateNonNegativeTimeSpan]
    public TimeSpan? PendingFor { get; set; }

    [Parameter]
    public SwitchParameter IncludeHistory { get; set; }

    protected override void ProcessRecord()
    {
        TryOrTerminate(() =>
        {
            if (ParameterSetName == "Id")
            {
                foreach (var id in Id)
                {
                    var invite = Await(token => Store.GetInviteAsync(id, token));
                    if (invite is null)
                    {
                        WriteError(ErrorRecords.Create(ErrorIds.Workflow.InviteNotFound, ErrorCategory.ObjectNotFound,
                            $"No invite with id {id} is recorded. List invites with Get-ResellerInvite.", id));
                        continue;
                    }

                    WriteObject(WithHistory(invite));
                }

                return;
            }

            var now = Clock.GetUtcNow();
            foreach (var pattern in CustomerName ?? new string?[] { null })
            {
                var query = new InviteQuery
                {
                    CustomerNamePattern = pattern,
                    Statuses = PendingFor is null ? Status : PendingStatuses(),
                    Kind = Kind,
                    CreatedBefore = OlderThan is { } age ? now - age : null,
                    StatusChangedBefore = PendingFor is { } pending ? now - pending : null,
                };
                foreach (var invite in Stream(token => Store.QueryInvitesAsync(query, token)))
                {
                    WriteObject(WithHistory(invite));
                }
            }
        });
    }

    /// <summary>-PendingFor means Pending; a -Status list without Pending contradicts it rather than silently matching nothing.</summary>
    private InviteStatus[] PendingStatuses()
    {
        if (Status is { Length: > 0 } && !Status.Contains(InviteStatus.Pending))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.PendingForWithoutPendingStatus,
                ErrorKind.InvalidArgument,
                $"-PendingFor lists Pending invites, but -Status asks for {string.Join(", ", Status)}. Leave out -Status, or use -OlderThan for invites in other statuses.",
                "PendingFor");
        }

        return new[] { InviteStatus.Pending };
    }

    private object WithHistory(ResellerInvite invite)
    {
        if (!IncludeHistory)
        {
            return invite;
        }

        var output = PSObject.AsPSObject(invite);
        var history = Await(token => Store.GetHistoryAsync(invite.Id, token));
        // A list that exports as its lines ("...; ...") rather than a type name.
        output.Properties.Add(new PSNoteProperty("History", ExportableList<InviteHistoryEntry>.Of(history)));
        return output;
    }
}
