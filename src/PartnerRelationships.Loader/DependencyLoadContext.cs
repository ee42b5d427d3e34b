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
    private readonly string _ownAssembly;
    private readonly object _gate = new();
    private HashSet<string>? _frameworkAssemblies;

    /// <param name="dependencyFolder">The module's Dependencies folder.</param>
    /// <param name="ownAssembly">Our own assembly there (Core): never a framework name, so resolving it needs no scan.</param>
    public DependencyLoadContext(string dependencyFolder, string ownAssembly)
    {
        _dependencyFolder = dependencyFolder;
        _ownAssembly = ownAssembly;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null)
        {
            return null;
        }

        var candidate = Path.Combine(_dependencyFolder, name + ".dll");
        if (!File.Exists(candidate))
        {
            return null;
        }

        // Import-Module resolves Core (the cmdlet types mention it); the framework list is only read once Core itself
        // asks for a dependency, i.e. when a cmdlet runs, not at import.
        if (!string.Equals(name, _ownAssembly, StringComparison.Ordinal) && FrameworkAssemblies.Contains(name))
        {
            return null;
        }

        return LoadFromAssemblyPath(candidate);
    }

    private HashSet<string> FrameworkAssemblies
    {
        get
        {
            lock (_gate)
            {
                return _frameworkAssemblies ??= ReadFrameworkAssemblyNames();
            }
        }
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
