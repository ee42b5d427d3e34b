using System;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Opens the PostgreSQL store from its own assembly (it needs .NET 8; Core is netstandard2.0). Loaded by name, so
/// inside the module it resolves through the private load context Core lives in, and only when configured.
/// </summary>
internal static class PostgresStoreLoader
{
    public const string AssemblyName = "PartnerRelationships.Store.Postgres";
    public const string EntryTypeName = "PartnerRelationships.Store.Postgres.PostgresStoreEntry";
    public const string OpenMethodName = "Open";

    /// <summary>
    /// The entry point takes the clock as a function rather than a TimeProvider: the module ships the netstandard2.0
    /// TimeProvider polyfill, which is not the same type as .NET 8's own, so it must not cross this boundary.
    /// </summary>
    public static IRelationshipStore Open(string connectionString, TimeProvider clock, string assemblyName = AssemblyName)
    {
        MethodInfo open;
        try
        {
            var assembly = Assembly.Load(new AssemblyName(assemblyName));
            open = assembly.GetType(EntryTypeName, throwOnError: true)!
                .GetMethod(OpenMethodName, BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Func<DateTimeOffset>) }, null)
                ?? throw new MissingMethodException(EntryTypeName, OpenMethodName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException or MissingMethodException)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreProviderNotAvailable,
                ErrorKind.ResourceUnavailable,
                $"The PostgreSQL store ({assemblyName}.dll) could not be loaded: {e.Message} It needs PowerShell 7.4 or later " +
                "(.NET 8); reinstall the module (Install-Module PartnerRelationships -Force), or set store.provider to sqlite.",
                assemblyName,
                e);
        }

        Func<DateTimeOffset> now = clock.GetUtcNow;
        try
        {
            return (IRelationshipStore)open.Invoke(null, new object[] { connectionString, now })!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
