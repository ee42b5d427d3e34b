using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

public sealed class StorePathsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Windows_uses_local_app_data()
    {
        var path = StorePaths.DefaultSqlitePath(true, Env(("LOCALAPPDATA", "/fake/Local")), "/fake/profile");

        Assert.Equal(Path.Combine("/fake/Local", "PartnerRelationships", "store.db"), path);
    }

    [Fact]
    public void Windows_without_local_app_data_uses_the_profile()
    {
        var path = StorePaths.DefaultSqlitePath(true, Env(), "/fake/profile");

        Assert.Equal(Path.Combine("/fake/profile", "AppData", "Local", "PartnerRelationships", "store.db"), path);
    }

    [Fact]
    public void Unix_uses_xdg_data_home()
    {
        var path = StorePaths.DefaultSqlitePath(false, Env(("XDG_DATA_HOME", "/xdg/data"), ("HOME", "/home/ann")), "/home/ann");

        Assert.Equal(Path.Combine("/xdg/data", "PartnerRelationships", "store.db"), path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/data")]
    public void Unix_without_a_usable_xdg_data_home_uses_local_share(string? xdgDataHome)
    {
        var path = StorePaths.DefaultSqlitePath(false, name => name switch
        {
            "XDG_DATA_HOME" => xdgDataHome,
            "HOME" => "/home/ann",
            _ => null,
        }, "/unused");

        Assert.Equal(Path.Combine("/home/ann", ".local", "share", "PartnerRelationships", "store.db"), path);
    }

    [Fact]
    public void The_real_default_is_an_absolute_path_in_a_PartnerRelationships_folder()
    {
        var path = StorePaths.DefaultSqlitePath();

        Assert.True(Path.IsPathRooted(path));
        Assert.Equal("store.db", Path.GetFileName(path));
        Assert.Equal("PartnerRelationships", Path.GetFileName(Path.GetDirectoryName(path)));
    }
}
