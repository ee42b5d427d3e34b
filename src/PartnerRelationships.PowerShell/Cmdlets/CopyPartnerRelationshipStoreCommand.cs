using System;
using System.Management.Automation;
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
                    ErrorIds.Store.StoreCopySameStore,
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
        var progress = ProgressFor<StoreCopyProgress>(ProgressActivityId, activity, report => (
            $"{report.Done} of {report.Total} invites{(report.CurrentCustomerName is null ? "" : $" ({report.CurrentCustomerName})")}",
            report.Total == 0 ? 100 : report.Done * 100 / report.Total));
        try
        {
            return Await(token => StoreCopier.CopyAsync(source, destination, Force.IsPresent, progress, token));
        }
        finally
        {
            CompleteProgress(ProgressActivityId, activity);
        }
    }

    private StoreSettings Settings(string location, bool mustExist)
    {
        var path = GetUnresolvedProviderPathFromPSPath(location);
        if (mustExist && !System.IO.File.Exists(path))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreCopySourceNotFound,
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
}
