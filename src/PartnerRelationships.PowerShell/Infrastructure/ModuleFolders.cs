using System.IO;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>Where the built module keeps what it ships beside the cmdlet assembly.</summary>
internal static class ModuleFolders
{
    /// <summary>Managed dependencies and runtimes/&lt;rid&gt;/native (the SQLite library).</summary>
    public static string Dependencies { get; } =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleFolders).Assembly.Location) ?? ".", "Dependencies");
}
