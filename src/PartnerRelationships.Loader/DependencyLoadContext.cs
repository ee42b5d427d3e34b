using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace PartnerRelationships.Loader;

/// <summary>
/// A private load context for Core and its third-party dependencies (Graph, Polly, YamlDotNet, SQLite), so a session
/// that already loaded other versions of them (Az.Accounts, the Graph PowerShell modules) does not clash with ours.
/// Framework assemblies are always shared with the default context: loading our own copy of System.Memory and the like
/// would split type identity.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyFolder;
    private readonly HashSet<string> _frameworkAssemblies;

    public DependencyLoadContext(string dependencyFolder)
    {
        _dependencyFolder = dependencyFolder;
        _frameworkAssemblies = ReadFrameworkAssemblyNames();
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || _frameworkAssemblies.Contains(assemblyName.Name))
        {
            return null;
        }

        var candidate = Path.Combine(_dependencyFolder, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }

    /// <summary>
    /// The assemblies the host resolves itself (the shared framework and PowerShell's own folder), by simple name.
    /// Those are shared, never duplicated: PowerShell ships Microsoft.Bcl.AsyncInterfaces, for one, and the cmdlet
    /// assembly and Core must see the same IAsyncEnumerable.
    /// </summary>
    private static HashSet<string> ReadFrameworkAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var file in trusted.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (runtimeFolder is not null)
        {
            foreach (var file in Directory.EnumerateFiles(runtimeFolder, "*.dll"))
            {
                names.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return names;
    }
}
