using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Alerts;
using PartnerRelationships.Core.Compliance.Reports;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Store;
using PartnerRelationships.PowerShell.Completers;
using PartnerRelationships.PowerShell.Infrastructure;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Checks every customer (or the ones named) against the compliance rules and writes the findings, most severe
/// first. Optionally writes JSON/CSV/HTML reports, records the run so the next one can say what is new, and fails
/// (a terminating error, so `pwsh -File` exits non-zero) when findings reach -FailOn, after everything is written.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PartnerCompliance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Finding))]
public sealed class TestPartnerComplianceCommand : ConnectedCmdlet
{
    private const int ProgressActivityId = 1;

    // Progress reports come from the collection's concurrent readers: the bar's position is guarded and never goes back.
    private readonly object _progressGate = new();
    private int _progressPercent;
    private const string Activity = "Checking partner compliance";

    private readonly List<string> _customers = new();

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ComplianceRuleCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Rule { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerTenantId", "TenantId")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Customer { get; set; }

    [Parameter]
    public FindingSeverity MinimumSeverity { get; set; } = FindingSeverity.Info;

    [Parameter]
    [ValidateSet("Warning", "Error")]
    public FindingSeverity? FailOn { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ReportPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public ComplianceReportFormat[]? ReportFormat { get; set; }

    [Parameter]
    public SwitchParameter NoRecord { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = ComplianceSnapshotCollector.DefaultMaxConcurrency;

    /// <summary>Send the summary and the new errors and warnings to compliance.alert's webhook when something new appeared.</summary>
    [Parameter]
    public SwitchParameter Alert { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ReportFormat is { Length: > 0 } && ReportPath is not { Length: > 0 })
        {
            ThrowTerminatingError(ErrorRecords.Create(
                ErrorIds.Compliance.ReportPathRequired,
                ErrorCategory.InvalidArgument,
                "-ReportFormat needs -ReportPath: give the file or folder the reports go to.",
                ReportFormat));
        }
    }

    protected override void ProcessRecord()
    {
        // Customers may come from the pipeline (Get-PartnerCustomer | Test-PartnerCompliance): one run over all of them.
        if (Customer is not null)
        {
            _customers.AddRange(Customer.Where(c => !string.IsNullOrWhiteSpace(c)));
        }
    }

    protected override void EndProcessing()
    {
        ComplianceResult? result = null;
        TryOrTerminate(() =>
        {
            var runs = Store as IComplianceRunStore;
            var record = !NoRecord.IsPresent && runs is not null
                && ShouldProcess(StoreOpener.Describe(Config.Store), "Record the compliance run (time and counts)");
            if (runs is null && !NoRecord.IsPresent)
            {
                WriteWarning("This store does not record compliance runs: every finding counts as new.");
            }

            // Bad or unwritable paths and formats fail before any remote call; the folder names use the run's time, so plan again after.
            var reportPaths = (ReportPath ?? Array.Empty<string>()).Select(GetUnresolvedProviderPathFromPSPath).ToList();
            ComplianceReportFiles.RequireWritable(ComplianceReportFiles.Plan(reportPaths, ReportFormat, Clock.GetUtcNow()));

            // A misconfigured webhook fails before any remote call, like a bad report path.
            var webhook = Alert.IsPresent
                ? WebhookAddress.Resolve(Config.Compliance.Alert, Environment.GetEnvironmentVariable, SecretManagementVault.Reader(
                    this, "The alert webhook's address", "compliance.alert.secretVault and compliance.alert.secretName", "compliance.alert.webhookUrlVariable"))
                : null;

            var checker = new ComplianceChecker(Store, runs, Connection.GraphGdap, Connection.PartnerCenter, Config.Compliance, Clock, maxConcurrency: ThrottleLimit);
            var options = new ComplianceCheckOptions
            {
                Rules = Rule,
                Customers = _customers,
                MinimumSeverity = MinimumSeverity,
                RecordRun = record,
            };
            var progress = ProgressFor<ComplianceProgress>(ProgressActivityId, Activity, Describe);
            try
            {
                result = Await(token => checker.RunAsync(options, progress, token));
            }
            finally
            {
                CompleteProgress(ProgressActivityId, Activity);
            }

            WriteObject(result.Findings, enumerateCollection: true);
            WriteInformation(Summary(result), new[] { "PartnerRelationships", "ComplianceSummary" });

            foreach (var file in ComplianceReportFiles.Plan(reportPaths, ReportFormat, result.CompletedAt))
            {
                if (ShouldProcess(file.Path, $"Write the {file.Format} compliance report"))
                {
                    ComplianceReportFiles.Write(result, file);
                    WriteVerbose($"{file.Format} report: {file.Path}");
                }
            }

            if (webhook is not null)
            {
                // A webhook that fails is an error of its own: the findings, reports and -FailOn still stand.
                Try(() => SendAlert(webhook, result));
            }
        });

        base.EndProcessing();

        // After the findings and reports are out: a scheduled run fails with a terminating error.
        if (result is not null && ComplianceFailOn.Evaluate(result, FailOn) is { } failure)
        {
            ThrowTerminatingError(ErrorRecords.From(failure));
        }
    }

    private void SendAlert(Uri webhook, ComplianceResult result)
    {
        var source = Config.Compliance.Alert.Source;
        if (ComplianceAlert.For(result) is not { } alert)
        {
            WriteVerbose("No new error or warning since the last run: no alert sent.");
            return;
        }

        if (!ShouldProcess($"the webhook from {source}", $"Send the alert: {alert.Headline}"))
        {
            return;
        }

        using var sender = new ComplianceAlertSender(Config.Retry, Clock);
        Await(token => sender.SendAsync(webhook, alert, source, token));
        WriteVerbose($"Sent the alert ({alert.Headline}) to the webhook from {source}.");
    }

    private (string Status, int? Percent) Describe(ComplianceProgress report)
    {
        // Gathering is most of the work; the rules are quick. The relationships and their access assignments set the
        // pace (the store and the customer list are read meanwhile and only name what they are doing), and the bar
        // only moves forward.
        (int From, int Span)? range = report.Phase switch
        {
            CompliancePhase.Invites or CompliancePhase.Customers => null,
            CompliancePhase.Relationships => (0, 25),
            CompliancePhase.AccessAssignments => (25, 65),
            CompliancePhase.Rules => (90, 8),
            _ => (98, 2),
        };
        lock (_progressGate)
        {
            if (range is { } r)
            {
                var percent = report.PercentComplete is { } p ? r.From + (p * r.Span / 100) : r.From;
                _progressPercent = Math.Max(_progressPercent, percent);
            }

            return (report.Activity, _progressPercent);
        }
    }

    private static string Summary(ComplianceResult result)
    {
        var n = (int value) => value.ToString(CultureInfo.InvariantCulture);
        var since = result.PreviousRunAt is { } previous
            ? $"{n(result.NewCount)} new since {previous.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}"
            : "first recorded run";
        return $"{n(result.Findings.Count)} finding(s): {n(result.CountOf(FindingSeverity.Error))} error(s), " +
               $"{n(result.CountOf(FindingSeverity.Warning))} warning(s), {n(result.CountOf(FindingSeverity.Info))} info; {since}. " +
               $"Checked {n(result.Coverage.Customers)} customers, {n(result.Coverage.Relationships)} relationships, {n(result.Coverage.Invites)} invites.";
    }
}
