using System;
using System.IO;
using System.Reflection;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Makes SQLite's native library loadable. PowerShell does not probe a module's own folders for natives, so the
/// module points the SQLite provider at <c>&lt;dependencies&gt;/runtimes/&lt;rid&gt;/native</c> itself.
/// </summary>
public static class SqliteNativeLibrary
{
    /// <summary>The name the e_sqlite3 provider imports (<c>[DllImport("e_sqlite3")]</c>).</summary>
    internal const string ImportName = "e_sqlite3";

    private static readonly object Gate = new();
    private static bool _initialized;

    /// <summary>
    /// Call once per process before a store is opened; later calls do nothing. With a null folder, or one without a
    /// native for this platform, the runtime's default probing is used (as in a test host or a normal .NET app).
    /// </summary>
    public static void Initialize(string? dependenciesFolder)
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            Initialize(
                dependenciesFolder,
                NativeRuntime.Current,
                typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly,
                SQLitePCL.Batteries_V2.Init);
            _initialized = true;
        }
    }

    /// <summary>
    /// The steps, with what varies passed in so tests can run them against their own assembly. Returns the native
    /// file the imports were redirected to, or null when default probing was used.
    /// </summary>
    internal static string? Initialize(string? dependenciesFolder, NativeRuntime? runtime, Assembly importingAssembly, Action initializeProvider)
    {
        var expectedPath = dependenciesFolder is null || runtime is null ? null : runtime.SqlitePathUnder(dependenciesFolder);
        string? redirectedTo = null;

        if (expectedPath is not null && File.Exists(expectedPath))
        {
            try
            {
                if (DllImportRedirect.TryRegister(importingAssembly, ImportName, expectedPath))
                {
                    redirectedTo = expectedPath;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                throw Missing(expectedPath, runtime!, e);
            }
        }

        try
        {
            initializeProvider();
        }
        catch (Exception e) when (IsNativeLoadFailure(e))
        {
            throw Missing(expectedPath, runtime, e);
        }

        return redirectedTo;
    }

    private static bool IsNativeLoadFailure(Exception e) => e switch
    {
        DllNotFoundException or BadImageFormatException or EntryPointNotFoundException => true,
        TypeInitializationException { InnerException: { } inner } => IsNativeLoadFailure(inner),
        TargetInvocationException { InnerException: { } inner } => IsNativeLoadFailure(inner),
        _ => false,
    };

    private static PartnerRelationshipsException Missing(string? expectedPath, NativeRuntime? runtime, Exception inner)
    {
        var where = expectedPath is null
            ? "the runtime's default search path"
            : $"'{expectedPath}' and the runtime's default search path";
        var platform = runtime?.RuntimeIdentifier ?? System.Runtime.InteropServices.RuntimeInformation.OSDescription;
        return new PartnerRelationshipsException(
            ErrorIds.Store.SqliteNativeLibraryMissing,
            ErrorKind.ResourceUnavailable,
            $"The SQLite native library for {platform} could not be loaded (looked at {where}: {inner.Message}). " +
            "Reinstall the PartnerRelationships module (Install-Module PartnerRelationships -Force); if it persists, this platform is not supported.",
            (object?)expectedPath ?? platform,
            inner);
    }
}
