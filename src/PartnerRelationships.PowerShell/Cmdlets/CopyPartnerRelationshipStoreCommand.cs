using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Copies every invite and its whole history from one store to another (a SQLite file into PostgreSQL and back).
/// Each invite is copied in one transaction; a re-run with -Force completes an interrupted copy without doubling.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "PartnerRelationshipStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StoreCopyResult))]
public sealed class CopyPartnerRelationshipStoreCommand : PartnerRelationshipsCmdlet
{
    private const int ProgressActivityId = 1;

    /// <summary>A YAML configuration file (its store section), or a SQLite store file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Source { get; set; } = "";

    /// <summary>A YAML configuration file (its store section), or a SQLite store file (created if missing).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>Merge into a destination that already holds invites, by invite id.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        TryOrTerminate(() =>
        {
            var sourceSettings = Settings(Source, mustExist: true);
            var destinationSettings = Settings(Destination, mustExist: false);
            if (SameSqliteFile(sourceSettings, destinationSettings))
            {
                throw new PartnerRelationshipsException(
                    "StoreCopySameStore",
                    ErrorKind.InvalidArgument,
                    "The source and the destination are the same store. Name a different destination.",
                    Destination);
            }

            var sourceName = StoreOpener.Describe(sourceSettings);
            var destinationName = StoreOpener.Describe(destinationSettings);
            if (!ShouldProcess(destinationName, $"Copy every invite and its history from {sourceName}{(Force ? ", merging by invite id" : "")}"))
            {
                return;
            }

            using var source = StoreOpener.Open(this, sourceSettings, TimeProvider.System);
            using var destination = StoreOpener.Open(this, destinationSettings, TimeProvider.System);
            var result = Copy(source, destination, $"Copying {sourceName} to {destinationName}");
            foreach (var conflict in result.Conflicts)
            {
                WriteWarning($"Invite {conflict} has a different history in the destination; it was left as it is there.");
            }

            WriteObject(result);
        });
    }

    private StoreCopyResult Copy(IRelationshipStore source, IRelationshipStore destination, string activity)
    {
        var reports = new ConcurrentQueue<StoreCopyProgress>();
        var progress = new QueueProgress(reports);
        var task = Task.Run(() => StoreCopier.CopyAsync(source, destination, Force.IsPresent, progress, Stopping));
        var record = new ProgressRecord(ProgressActivityId, activity, "Counting invites");
        try
        {
            while (!task.Wait(100))
            {
                WriteLatest(reports, record);
            }

            WriteLatest(reports, record);
            return task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        finally
        {
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }
    }

    private void WriteLatest(ConcurrentQueue<StoreCopyProgress> reports, ProgressRecord record)
    {
        StoreCopyProgress? latest = null;
        while (reports.TryDequeue(out var report))
        {
            latest = report;
        }

        DrainMessages();
        if (latest is null)
        {
            return;
        }

        record.StatusDescription = $"{latest.Done} of {latest.Total} invites{(latest.CurrentCustomerName is null ? "" : $" ({latest.CurrentCustomerName})")}";
        record.PercentComplete = latest.Total == 0 ? 100 : Math.Min(100, latest.Done * 100 / latest.Total);
        WriteProgress(record);
    }

    private StoreSettings Settings(string location, bool mustExist)
    {
        var path = GetUnresolvedProviderPathFromPSPath(location);
        if (mustExist && !System.IO.File.Exists(path))
        {
            throw new PartnerRelationshipsException(
                "StoreCopySourceNotFound",
                ErrorKind.ObjectNotFound,
                $"'{path}' does not exist. Give -Source as a YAML configuration file or an existing SQLite store file.",
                location);
        }

        return StoreOpener.SettingsFor(path);
    }

    private static bool SameSqliteFile(StoreSettings a, StoreSettings b) =>
        a.Provider == StoreProvider.Sqlite && b.Provider == StoreProvider.Sqlite &&
        string.Equals(FullSqlitePath(a), FullSqlitePath(b), StringComparison.Ordinal);

    private static string FullSqlitePath(StoreSettings settings) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(settings.Path) ? StorePaths.DefaultSqlitePath() : settings.Path!);

    private sealed class QueueProgress : IProgress<StoreCopyProgress>
    {
        private readonly ConcurrentQueue<StoreCopyProgress> _reports;

        public QueueProgress(ConcurrentQueue<StoreCopyProgress> reports) => _reports = reports;

        public void Report(StoreCopyProgress value) => _reports.Enqueue(value);
    }
}
