using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// The runtime identifier (as used in the module's <c>runtimes/&lt;rid&gt;/native</c> folders) and the SQLite native
/// file name for the machine we run on.
/// </summary>
internal sealed record NativeRuntime(string RuntimeIdentifier, string SqliteFileName)
{
    public static NativeRuntime? Current { get; } = Detect();

    /// <summary>The path where the module ships the SQLite native for this runtime.</summary>
    public string SqlitePathUnder(string dependenciesFolder) =>
        Path.Combine(dependenciesFolder, "runtimes", RuntimeIdentifier, "native", SqliteFileName);

    /// <summary>Null for a platform the module ships no native for (default probing is all we can do there).</summary>
    public static NativeRuntime? For(OSPlatform os, Architecture architecture, bool isMusl)
    {
        if (os == OSPlatform.Windows)
        {
            var arch = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.X86 => "x86",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            return arch is null ? null : new NativeRuntime("win-" + arch, "e_sqlite3.dll");
        }

        if (os == OSPlatform.OSX)
        {
            var arch = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            return arch is null ? null : new NativeRuntime("osx-" + arch, "libe_sqlite3.dylib");
        }

        if (os == OSPlatform.Linux)
        {
            var arch = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            return arch is null ? null : new NativeRuntime((isMusl ? "linux-musl-" : "linux-") + arch, "libe_sqlite3.so");
        }

        return null;
    }

    private static NativeRuntime? Detect()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? OSPlatform.Linux
            : OSPlatform.Create(RuntimeInformation.OSDescription);
        return For(os, RuntimeInformation.OSArchitecture, os == OSPlatform.Linux && IsMuslLinux());
    }

    /// <summary>
    /// glibc natives do not load on musl (Alpine and friends). Alpine announces itself in /etc/alpine-release; other
    /// musl distributions are recognised by the musl dynamic loader, which glibc systems do not have.
    /// </summary>
    private static bool IsMuslLinux()
    {
        try
        {
            if (File.Exists("/etc/alpine-release"))
            {
                return true;
            }

            return Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*").Length > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
