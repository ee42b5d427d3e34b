using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Points one assembly's <c>[DllImport("name")]</c> at a native file loaded from a full path, using
/// <c>System.Runtime.InteropServices.NativeLibrary</c> (.NET Core 3+). Core targets netstandard2.0, where that API is
/// not visible at compile time, so it is reached by reflection; on a runtime without it this reports false and the
/// caller falls back to the default probing.
/// </summary>
internal sealed class DllImportRedirect
{
    private static readonly Type? NativeLibraryType =
        Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);

    private static readonly Type? ResolverDelegateType =
        Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: false);

    private readonly string _libraryName;
    private readonly IntPtr _handle;

    private DllImportRedirect(string libraryName, IntPtr handle)
    {
        _libraryName = libraryName;
        _handle = handle;
    }

    /// <summary>Whether this runtime has NativeLibrary (so a redirect can be registered at all).</summary>
    public static bool IsSupported => NativeLibraryType is not null && ResolverDelegateType is not null;

    /// <summary>
    /// Loads <paramref name="fullPath"/> now (so a broken file fails here, naming the path) and makes
    /// <paramref name="assembly"/>'s imports of <paramref name="libraryName"/> resolve to it. Returns false when the
    /// runtime has no NativeLibrary or the assembly already has a resolver (the first one registered wins).
    /// </summary>
    public static bool TryRegister(Assembly assembly, string libraryName, string fullPath)
    {
        if (!IsSupported)
        {
            return false;
        }

        var load = NativeLibraryType!.GetMethod("Load", new[] { typeof(string) })!;
        var handle = (IntPtr)InvokeUnwrapped(load, new object[] { fullPath })!;

        var redirect = new DllImportRedirect(libraryName, handle);

        // DllImportResolver is (string libraryName, Assembly assembly, DllImportSearchPath? searchPath) -> IntPtr.
        // Resolve below has exactly that shape, so a delegate of the runtime's type binds to it directly.
        var resolveMethod = typeof(DllImportRedirect).GetMethod(nameof(Resolve), BindingFlags.Instance | BindingFlags.NonPublic)!;
        var resolver = Delegate.CreateDelegate(ResolverDelegateType!, redirect, resolveMethod);

        var setResolver = NativeLibraryType.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), ResolverDelegateType! })!;
        try
        {
            InvokeUnwrapped(setResolver, new object[] { assembly, resolver });
            return true;
        }
        catch (InvalidOperationException)
        {
            // Someone (a host, another module) already set a resolver for this assembly; it stays in charge.
            return false;
        }
    }

    // Returning zero tells the runtime to carry on with its default probing.
    private IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        string.Equals(libraryName, _libraryName, StringComparison.Ordinal) ? _handle : IntPtr.Zero;

    private static object? InvokeUnwrapped(MethodInfo method, object[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
