using System.Runtime.InteropServices;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

[Collection(SqliteCollection.Name)]
public sealed class SqliteNativeLibraryTests
{
    [Fact]
    public void Initialize_without_a_folder_uses_default_probing_and_is_idempotent()
    {
        SqliteNativeLibrary.Initialize(null);
        SqliteNativeLibrary.Initialize("/no/such/folder");

        Assert.True(SQLitePCL.raw.sqlite3_libversion_number() > 3_000_000);
    }

    [Theory]
    [InlineData("Windows", Architecture.X64, false, "win-x64", "e_sqlite3.dll")]
    [InlineData("Windows", Architecture.X86, false, "win-x86", "e_sqlite3.dll")]
    [InlineData("Windows", Architecture.Arm64, false, "win-arm64", "e_sqlite3.dll")]
    [InlineData("OSX", Architecture.X64, false, "osx-x64", "libe_sqlite3.dylib")]
    [InlineData("OSX", Architecture.Arm64, false, "osx-arm64", "libe_sqlite3.dylib")]
    [InlineData("Linux", Architecture.X64, false, "linux-x64", "libe_sqlite3.so")]
    [InlineData("Linux", Architecture.Arm64, false, "linux-arm64", "libe_sqlite3.so")]
    [InlineData("Linux", Architecture.X64, true, "linux-musl-x64", "libe_sqlite3.so")]
    [InlineData("Linux", Architecture.Arm64, true, "linux-musl-arm64", "libe_sqlite3.so")]
    public void Maps_the_platform_to_the_module_runtime_folder(string os, Architecture architecture, bool musl, string rid, string fileName)
    {
        var runtime = NativeRuntime.For(OSPlatform.Create(os.ToUpperInvariant()), architecture, musl);

        Assert.Equal(new NativeRuntime(rid, fileName), runtime);
        Assert.Equal(Path.Combine("/module/Dependencies", "runtimes", rid, "native", fileName), runtime!.SqlitePathUnder("/module/Dependencies"));
    }

    [Fact]
    public void A_platform_without_a_shipped_native_has_no_runtime_folder()
    {
        Assert.Null(NativeRuntime.For(OSPlatform.Linux, Architecture.Arm, false));
        Assert.Null(NativeRuntime.For(OSPlatform.Create("FREEBSD"), Architecture.X64, false));
    }

    [Fact]
    public void This_machine_has_a_runtime_folder()
    {
        Assert.NotNull(NativeRuntime.Current);
    }

    [Fact]
    public void Imports_are_redirected_to_the_native_in_a_module_style_dependencies_folder()
    {
        using var folder = new TempFolder();
        var runtime = NativeRuntime.Current!;
        var dependencies = Path.Combine(folder.Path, "Dependencies");
        var expected = runtime.SqlitePathUnder(dependencies);
        Directory.CreateDirectory(Path.GetDirectoryName(expected)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "runtimes", runtime.RuntimeIdentifier, "native", runtime.SqliteFileName), expected);

        // This assembly imports "e_sqlite3" itself (below), so the redirect is tested without touching the provider
        // the other tests already loaded through default probing.
        var version = 0;
        var redirectedTo = SqliteNativeLibrary.Initialize(dependencies, runtime, typeof(ModuleLayoutImports).Assembly,
            () => version = ModuleLayoutImports.sqlite3_libversion_number());

        Assert.Equal(expected, redirectedTo);
        Assert.True(version > 3_000_000);
        if (OperatingSystem.IsLinux())
        {
            // The library actually mapped into the process is the copy, not the test host's.
            Assert.Contains(expected, File.ReadAllText("/proc/self/maps"));
        }
    }

    [Fact]
    public void When_the_native_is_missing_and_probing_fails_the_error_names_the_path()
    {
        using var folder = new TempFolder();
        var runtime = NativeRuntime.Current!;

        var error = Assert.Throws<PartnerRelationshipsException>(() => SqliteNativeLibrary.Initialize(
            folder.Path, runtime, typeof(SqliteNativeLibraryTests).Assembly,
            () => throw new TypeInitializationException("SQLitePCL.raw", new DllNotFoundException("e_sqlite3 not found"))));

        var expected = runtime.SqlitePathUnder(folder.Path);
        Assert.Equal("SqliteNativeLibraryMissing", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Category);
        Assert.Contains(expected, error.Message);
        Assert.Equal(expected, error.Target);
    }

    [Fact]
    public void Other_failures_of_the_provider_are_not_disguised_as_a_missing_native()
    {
        Assert.Throws<InvalidOperationException>(() => SqliteNativeLibrary.Initialize(
            null, NativeRuntime.Current, typeof(SqliteNativeLibraryTests).Assembly, () => throw new InvalidOperationException("other")));
    }

    private static class ModuleLayoutImports
    {
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_libversion_number();
    }
}
