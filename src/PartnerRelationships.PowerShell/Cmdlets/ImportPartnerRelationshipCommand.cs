using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Adoption;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Adopts what exists: records the service's GDAP relationships and reseller customers that the store has no record
/// of, marked as adopted, with the service's own creation and activation times, so history starts on the day the
/// module is adopted and drift findings mean real drift. Safe to re-run, and from several workers on a shared store.
/// </summary>
[Cmdlet(VerbsData.Import, "PartnerRelationship", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AdoptedRelationship))]
public sealed class ImportPartnerRelationshipCommand : ConnectedCmdlet
{
    private const int ProgressActivityId = 1;

    /// <summary>Only GDAP relationships (GranularAdmin) or only reseller customers (Reseller); both by default.</summary>
    [Parameter]
    public InviteKind? Kind { get; set; }

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerTenantId", "TenantId")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    /// <summary>Leave out relationships that already ended (terminated, expired).</summary>
    [Parameter]
    public SwitchParameter ExcludeEnded { get; set; }

    private readonly List<string> _customers = new();

    protected override void ProcessRecord()
    {
        if (Customer is not null)
        {
            _customers.AddRange(Customer.Where(c => !string.IsNullOrWhiteSpace(c)));
        }
    }

    protected override void EndProcessing()
    {
        TryOrTerminate(Adopt);
        base.EndProcessing();
    }

    private void Adopt()
    {
        var service = new RelationshipAdoptionService(Store, Connection.GraphGdap, Connection.PartnerCenter, Clock);
        if (!service.CanRecord)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Workflow.AdoptionNotSupported,
                ErrorKind.NotImplemented,
                $"The store {StoreOpener.Describe(Config.Store)} cannot record adopted relationships. Use the SQLite or PostgreSQL store.",
                Config.Store.Provider);
        }

        var options = new AdoptionOptions
        {
            Kind = Kind,
            Customers = _customers,
            IncludeEnded = !ExcludeEnded.IsPresent,
        };
        var progress = ProgressFor<WorkProgress>(ProgressActivityId, RelationshipAdoptionService.Activity, report => (
            report.Status, report.PercentComplete < 0 ? null : report.PercentComplete));
        try
        {
            var candidates = Await(token => service.FindAsync(options, progress, token));
            var store = StoreOpener.Describe(Config.Store);

            // -WhatIf lists each record that would be written; -Confirm asks for each.
            var approved = candidates.Where(c => ShouldProcess(Target(c), Action(c, store))).ToList();
            var counts = new Dictionary<AdoptionOutcome, int>();
            foreach (var adopted in Stream(token => service.RecordAsync(approved, progress, token)))
            {
                counts[adopted.Outcome] = counts.TryGetValue(adopted.Outcome, out var n) ? n + 1 : 1;
                WriteObject(adopted);
            }

            var recorded = counts.TryGetValue(AdoptionOutcome.Adopted, out var a) ? a : 0;
            var already = counts.TryGetValue(AdoptionOutcome.AlreadyRecorded, out var b) ? b : 0;
            WriteInformation(
                string.Format(CultureInfo.InvariantCulture,
                    "Found {0} relationship(s) the store had no record of; adopted {1}" + (already > 0 ? ", {2} recorded meanwhile by another worker" : "") + ".",
                    candidates.Count, recorded, already),
                new[] { "PartnerRelationships", "AdoptionSummary" });
        }
        finally
        {
            CompleteProgress(ProgressActivityId, RelationshipAdoptionService.Activity);
        }
    }

    private static string Target(AdoptionCandidate candidate) =>
        candidate.Invite.Kind == InviteKind.GranularAdmin
            ? $"{candidate.Describe()} [{candidate.Invite.RelationshipId}]"
            : candidate.Describe();

    private static string Action(AdoptionCandidate candidate, string store)
    {
        var invite = candidate.Invite;
        var when = invite.Kind == InviteKind.Reseller
            ? "accepted now (Partner Center gives no date)"
            : $"created {Day(invite.CreatedAt)}" + (candidate.ActivatedAt is { } activated ? $", activated {Day(activated)}" : "") +
              (candidate.EndsAt is { } ends ? $", ends {Day(ends)}" : "");
        return $"Record in {store} as adopted, status {invite.Status} ({when})";
    }

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
