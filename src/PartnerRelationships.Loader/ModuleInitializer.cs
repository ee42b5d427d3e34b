using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace PartnerRelationships.Loader;

/// <summary>
/// Runs at Import-Module, before the cmdlet assembly is analysed. It only wires up assembly resolution: Core and its
/// dependencies load on first use of a cmdlet that needs them (Microsoft.Graph only when a remote call is made).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>
    /// The assemblies the cmdlet assembly itself references that live in Dependencies: Core, and the polyfill that
    /// defines TimeProvider for netstandard2.0 (both sides must share its one copy).
    /// </summary>
    private static readonly HashSet<string> BoundaryAssemblies = new(StringComparer.Ordinal)
    {
        CoreAssembly,
        "Microsoft.Bcl.TimeProvider",
    };

    private const string CoreAssembly = "PartnerRelationships.Core";

    private static readonly object Gate = new();
    private static DependencyLoadContext? _context;
    private static bool _attached;

    /// <summary>The module's Dependencies folder: managed dependencies and runtimes/&lt;rid&gt;/native.</summary>
    private static string DependencyFolder =>
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

    public void OnImport()
    {
        lock (Gate)
        {
            _context ??= new DependencyLoadContext(DependencyFolder, CoreAssembly);
            if (!_attached)
            {
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
                _attached = true;
            }
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            _attached = false;
        }
    }

    /// <summary>Only the boundary assemblies are handed to the default context; what Core needs resolves inside ours.</summary>
    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        if (name.Name is null || !BoundaryAssemblies.Contains(name.Name) || _context is null)
        {
            return null;
        }

        return _context.LoadFromAssemblyName(name);
    }
}
