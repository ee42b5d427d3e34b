using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// Opens stores for cmdlets: from store settings (the PostgreSQL connection string from its environment variable or
/// a SecretManagement vault, fetched here since Core has no PowerShell), or from a location given on the command line.
/// </summary>
internal static class StoreOpener
{
    public static IRelationshipStore Open(PSCmdlet cmdlet, StoreSettings settings, TimeProvider clock)
    {
        StoreRuntime.EnsureNativeLibraries();
        var store = StoreFactory.Open(settings, clock, Environment.GetEnvironmentVariable, VaultReader(cmdlet));
        if (store is IStoreWaitNotices waits && cmdlet is PartnerRelationshipsCmdlet ours)
        {
            // Waiting for another process's lock is said at once (the waiting thread only queues; the cmdlet writes).
            waits.Waiting = ours.QueueWarning;
        }

        return store;
    }

    /// <summary>What the verbose stream may say about a store: never a connection string.</summary>
    public static string Describe(StoreSettings settings) => settings.Provider switch
    {
        StoreProvider.Postgres => settings.ConnectionStringVariable is { Length: > 0 } variable
            ? $"PostgreSQL (connection string in ${"env:" + variable})"
            : $"PostgreSQL (connection string in vault {settings.SecretVault}, secret {settings.SecretName})",
        _ => $"SQLite {(string.IsNullOrWhiteSpace(settings.Path) ? StorePaths.DefaultSqlitePath() : settings.Path)}",
    };

    /// <summary>
    /// A location on the command line: a YAML configuration file (.yaml/.yml: its store section), else a SQLite store file.
    /// </summary>
    public static StoreSettings SettingsFor(string fullPath)
    {
        var extension = Path.GetExtension(fullPath);
        if (string.Equals(extension, ".yaml", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".yml", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigLoader.Load(fullPath).Store;
        }

        return new StoreSettings { Provider = StoreProvider.Sqlite, Path = fullPath };
    }

    /// <summary>Get-Secret from Microsoft.PowerShell.SecretManagement, when it is installed; null otherwise.</summary>
    private static Func<string, string, string?>? VaultReader(PSCmdlet cmdlet)
    {
        if (cmdlet.InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function) is null)
        {
            return null;
        }

        return (vault, name) =>
        {
            var results = cmdlet.InvokeCommand.InvokeScript(
                "param($vault, $name) Get-Secret -Vault $vault -Name $name -AsPlainText -ErrorAction Stop", true, PipelineResultTypes.None, null, vault, name);
            return results.Select(r => r?.BaseObject?.ToString()).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        };
    }
}
