using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PartnerRelationships.Core.Store;

/// <summary>Where the store lives when the configuration does not say.</summary>
public static class StorePaths
{
    private const string AppFolder = "PartnerRelationships";
    private const string FileName = "store.db";

    /// <summary>
    /// Windows: <c>%LOCALAPPDATA%\PartnerRelationships\store.db</c>. Elsewhere: <c>$XDG_DATA_HOME/PartnerRelationships/store.db</c>,
    /// or <c>~/.local/share/PartnerRelationships/store.db</c> when XDG_DATA_HOME is unset.
    /// </summary>
    public static string DefaultSqlitePath() =>
        DefaultSqlitePath(
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
            Environment.GetEnvironmentVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string DefaultSqlitePath(bool isWindows, Func<string, string?> environment, string userProfile)
    {
        if (isWindows)
        {
            var localAppData = NonEmpty(environment("LOCALAPPDATA")) ?? Path.Combine(userProfile, "AppData", "Local");
            return Path.Combine(localAppData, AppFolder, FileName);
        }

        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        var xdgDataHome = NonEmpty(environment("XDG_DATA_HOME"));
        var dataHome = xdgDataHome is not null && Path.IsPathRooted(xdgDataHome)
            ? xdgDataHome
            : Path.Combine(NonEmpty(environment("HOME")) ?? userProfile, ".local", "share");
        return Path.Combine(dataHome, AppFolder, FileName);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
