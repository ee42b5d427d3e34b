using System;
using System.Management.Automation;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.PowerShell.Infrastructure;
using PartnerRelationships.PowerShell.Validation;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>Lists recorded invites, filtered by id, status, customer name (wildcards), kind and age.</summary>
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
    [ValidateNonNegativeTimeSpan]
    public TimeSpan? OlderThan { get; set; }

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
                        WriteError(ErrorRecords.Create("InviteNotFound", ErrorCategory.ObjectNotFound,
                            $"No invite with id {id} is recorded. List invites with Get-ResellerInvite.", id));
                        continue;
                    }

                    WriteObject(invite);
                }

                return;
            }

            foreach (var pattern in CustomerName ?? new string?[] { null })
            {
                var query = new InviteQuery
                {
                    CustomerNamePattern = pattern,
                    Statuses = Status,
                    Kind = Kind,
                    CreatedBefore = OlderThan is { } age ? Clock.GetUtcNow() - age : null,
                };
                foreach (var invite in Stream(token => Store.QueryInvitesAsync(query, token)))
                {
                    WriteObject(invite);
                }
            }
        });
    }
}
