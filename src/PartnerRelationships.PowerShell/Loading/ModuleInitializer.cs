using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace PartnerRelationships.PowerShell.Loading;

/// <summary>
/// Runs at Import-Module. It only wires up assembly resolution: nothing heavy is loaded here, Core and its
/// dependencies load on first use of a cmdlet that needs them (Microsoft.Graph only when a remote call is made).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssemblyName = "PartnerRelationships.Core";
    private static readonly object Gate = new();
    private static DependencyLoadContext? _context;

    /// <summary>The module's Dependencies folder: managed dependencies and runtimes/&lt;rid&gt;/native.</summary>
    public static string DependencyFolder { get; } =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

    public void OnImport()
    {
        if (IsNetFramework())
        {
            // Windows PowerShell has no load contexts: fall back to resolving from Dependencies in the one domain.
            AppDomain.CurrentDomain.AssemblyResolve += ResolveInAppDomain;
            return;
        }

        AttachLoadContext();
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsNetFramework())
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveInAppDomain;
            return;
        }

        DetachLoadContext();
    }

    // Kept out of OnImport so Windows PowerShell never has to JIT a method that touches AssemblyLoadContext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AttachLoadContext()
    {
        lock (Gate)
        {
            _context ??= new DependencyLoadContext(DependencyFolder);
        }

        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DetachLoadContext() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    /// <summary>Only Core is handed to the default context; everything Core needs then resolves inside ours.</summary>
    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) || _context is null)
        {
            return null;
        }

        return _context.LoadFromAssemblyName(name);
    }

    private static Assembly? ResolveInAppDomain(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        var candidate = Path.Combine(DependencyFolder, name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }

    private static bool IsNetFramework() =>
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
}
