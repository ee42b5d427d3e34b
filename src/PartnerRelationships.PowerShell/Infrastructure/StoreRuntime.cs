using PartnerRelationships.Core.Store;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>Points SQLite at the native library shipped in the module's Dependencies folder, once per process.</summary>
internal static class StoreRuntime
{
    private static readonly object Gate = new();
    private static bool _initialized;

    public static void EnsureNativeLibraries()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            SqliteNativeLibrary.Initialize(ModuleFolders.Dependencies);
            _initialized = true;
        }
    }
}
