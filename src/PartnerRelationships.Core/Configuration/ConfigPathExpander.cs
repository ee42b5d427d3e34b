using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Turns a path written in the file into a full path: a leading "~" is the home folder; %NAME%, $NAME and ${NAME}
/// are environment variables (unknown ones stay as written); a relative path is relative to the configuration
/// file's folder, so the file means the same thing whatever the current directory is.
/// </summary>
internal sealed class ConfigPathExpander
{
    private static readonly Regex Variable = new(
        @"%(?<name>[A-Za-z_][A-Za-z0-9_().]*)%|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)",
        RegexOptions.CultureInvariant);

    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly string _baseDirectory;

    public ConfigPathExpander(Func<string, string?> getEnvironmentVariable, string baseDirectory)
    {
        _getEnvironmentVariable = getEnvironmentVariable;
        _baseDirectory = baseDirectory;
    }

    /// <summary>The full path, or null when the result is not a usable path (the caller reports it).</summary>
    public string? Expand(string path)
    {
        var expanded = ExpandVariables(ExpandHome(path.Trim()));
        try
        {
            return Path.GetFullPath(Path.IsPathRooted(expanded) ? expanded : Path.Combine(_baseDirectory, expanded));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            return HomeDirectory() + path.Substring(1);
        }

        return path;
    }

    private string ExpandVariables(string path) =>
        Variable.Replace(path, match =>
        {
            var value = _getEnvironmentVariable(match.Groups["name"].Value);
            return string.IsNullOrEmpty(value) ? match.Value : value!;
        });

    private string HomeDirectory()
    {
        // PowerShell's ~ is USERPROFILE on Windows (HOME there is often a Git Bash leftover) and HOME elsewhere.
        var home = _getEnvironmentVariable(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "USERPROFILE" : "HOME");

        return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home!;
    }
}
