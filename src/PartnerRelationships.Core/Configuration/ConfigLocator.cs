using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PartnerRelationships.Core.Configuration;

/// <summary>Finds the configuration file: -ConfigPath, then $env:PARTNERRELATIONSHIPS_CONFIG, then the user's config folder.</summary>
public static class ConfigLocator
{
    public const string EnvironmentVariable = "PARTNERRELATIONSHIPS_CONFIG";

    private const string FolderName = "PartnerRelationships";
    private const string FileName = "config.yaml";

    /// <summary>
    /// The file to load, or null for built-in defaults. An explicit path or the environment variable is returned
    /// even when the file is missing, so loading it reports that instead of silently using defaults; the default
    /// path only counts when the file exists.
    /// </summary>
    public static string? Resolve(string? explicitPath, Func<string, string?> getEnvironmentVariable) =>
        Resolve(explicitPath, getEnvironmentVariable, File.Exists, IsWindows);

    internal static string? Resolve(string? explicitPath, Func<string, string?> getEnvironmentVariable, Func<string, bool> fileExists, bool isWindows)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        var fromEnvironment = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment!.Trim();
        }

        var defaultPath = DefaultConfigPath(getEnvironmentVariable, isWindows);
        return fileExists(defaultPath) ? defaultPath : null;
    }

    /// <summary>The per-user file, read through the process environment.</summary>
    public static string DefaultConfigPath() => DefaultConfigPath(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Windows: %APPDATA%\PartnerRelationships\config.yaml. Elsewhere: $XDG_CONFIG_HOME/PartnerRelationships/config.yaml,
    /// or ~/.config/PartnerRelationships/config.yaml when XDG_CONFIG_HOME is unset or relative (as the XDG spec says).
    /// </summary>
    public static string DefaultConfigPath(Func<string, string?> getEnvironmentVariable) =>
        DefaultConfigPath(getEnvironmentVariable, IsWindows);

    internal static string DefaultConfigPath(Func<string, string?> getEnvironmentVariable, bool isWindows)
    {
        if (isWindows)
        {
            var appData = getEnvironmentVariable("APPDATA");
            if (string.IsNullOrWhiteSpace(appData))
            {
                appData = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            }

            return Path.Combine(appData!, FolderName, FileName);
        }

        var xdg = getEnvironmentVariable("XDG_CONFIG_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg!, FolderName, FileName);
        }

        var home = getEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home!, ".config", FolderName, FileName);
    }

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
}
