using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigLocatorTests
{
    private static readonly string Xdg = Path.Combine(Path.GetTempPath(), "xdg-test");
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "home-test");
    private static readonly string XdgFile = Path.Combine(Xdg, "PartnerRelationships", "config.yaml");

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void An_explicit_path_wins_even_when_missing()
    {
        var resolved = ConfigLocator.Resolve("/missing/explicit.yaml", Env(("PARTNERRELATIONSHIPS_CONFIG", "/env.yaml"), ("XDG_CONFIG_HOME", Xdg)), _ => true, isWindows: false);
        Assert.Equal("/missing/explicit.yaml", resolved);
    }

    [Fact]
    public void The_environment_variable_comes_next_even_when_missing()
    {
        var resolved = ConfigLocator.Resolve(null, Env(("PARTNERRELATIONSHIPS_CONFIG", "/env.yaml"), ("XDG_CONFIG_HOME", Xdg)), _ => true, isWindows: false);
        Assert.Equal("/env.yaml", resolved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_explicit_path_or_variable_is_skipped(string empty)
    {
        var resolved = ConfigLocator.Resolve(empty, Env(("PARTNERRELATIONSHIPS_CONFIG", empty), ("XDG_CONFIG_HOME", Xdg)), path => path == XdgFile, isWindows: false);
        Assert.Equal(XdgFile, resolved);
    }

    [Fact]
    public void The_default_file_counts_only_when_it_exists()
    {
        var checkedPaths = new List<string>();
        var resolved = ConfigLocator.Resolve(null, Env(("XDG_CONFIG_HOME", Xdg)), path => { checkedPaths.Add(path); return false; }, isWindows: false);
        Assert.Null(resolved);
        Assert.Equal(new[] { XdgFile }, checkedPaths);
    }

    [Fact]
    public void The_default_file_is_used_when_it_exists()
    {
        Assert.Equal(XdgFile, ConfigLocator.Resolve(null, Env(("XDG_CONFIG_HOME", Xdg)), path => path == XdgFile, isWindows: false));
    }

    [Fact]
    public void Without_XDG_CONFIG_HOME_the_default_is_under_dot_config()
    {
        var path = ConfigLocator.DefaultConfigPath(Env(("HOME", Home)), isWindows: false);
        Assert.Equal(Path.Combine(Home, ".config", "PartnerRelationships", "config.yaml"), path);
    }

    [Fact]
    public void A_relative_XDG_CONFIG_HOME_is_ignored()
    {
        var path = ConfigLocator.DefaultConfigPath(Env(("XDG_CONFIG_HOME", "relative/dir"), ("HOME", Home)), isWindows: false);
        Assert.Equal(Path.Combine(Home, ".config", "PartnerRelationships", "config.yaml"), path);
    }

    [Fact]
    public void On_Windows_the_default_is_under_APPDATA()
    {
        var appData = Path.Combine(Path.GetTempPath(), "Roaming");
        var path = ConfigLocator.DefaultConfigPath(Env(("APPDATA", appData), ("XDG_CONFIG_HOME", Xdg)), isWindows: true);
        Assert.Equal(Path.Combine(appData, "PartnerRelationships", "config.yaml"), path);
    }

    [Fact]
    public void The_public_overload_reads_XDG_CONFIG_HOME_through_the_getter_off_Windows()
    {
        var path = ConfigLocator.DefaultConfigPath(Env(("XDG_CONFIG_HOME", Xdg), ("APPDATA", Xdg)));
        Assert.Equal(XdgFile, path);
    }

    [Fact]
    public void The_parameterless_default_ends_with_the_module_folder_and_file()
    {
        Assert.EndsWith(Path.Combine("PartnerRelationships", "config.yaml"), ConfigLocator.DefaultConfigPath());
        Assert.True(Path.IsPathRooted(ConfigLocator.DefaultConfigPath()));
    }
}
