using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Configuration;

public sealed class ConfigScaffolderWriteTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _folder;

    public ConfigScaffolderWriteTests() => _folder = _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_creates_missing_folders_and_the_file_without_a_bom()
    {
        var path = Path.Combine(_folder, "a", "b", "config.yaml");

        ConfigScaffolder.Write(path, "cloud: China\n", force: false);

        Assert.Equal("cloud: China\n", File.ReadAllText(path));
        Assert.Equal((byte)'c', File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void An_existing_file_is_kept_without_force()
    {
        var path = Path.Combine(_folder, "config.yaml");
        File.WriteAllText(path, "keep me");

        var error = Assert.Throws<PartnerRelationshipsException>(() => ConfigScaffolder.Write(path, "new", force: false));

        Assert.Equal("ConfigFileExists", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, error.Category);
        Assert.Contains("-Force", error.Message);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void An_existing_file_is_replaced_with_force()
    {
        var path = Path.Combine(_folder, "config.yaml");
        File.WriteAllText(path, "old");

        ConfigScaffolder.Write(path, "new", force: true);

        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void No_temporary_file_is_left_behind()
    {
        var path = Path.Combine(_folder, "config.yaml");
        ConfigScaffolder.Write(path, "one", force: false);
        ConfigScaffolder.Write(path, "two", force: true);
        Assert.Throws<PartnerRelationshipsException>(() => ConfigScaffolder.Write(path, "three", force: false));

        Assert.Equal(new[] { "config.yaml" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_whole()
    {
        // Atomicity seen from outside: a folder in the way of the target makes the move fail after the temp write.
        var path = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<PartnerRelationshipsException>(() => ConfigScaffolder.Write(path, "x", force: true));

        Assert.Equal("ConfigPathNotWritable", error.ErrorId);
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_parent_that_is_a_file_is_not_writable()
    {
        var blocker = Path.Combine(_folder, "blocker");
        File.WriteAllText(blocker, "");

        var error = Assert.Throws<PartnerRelationshipsException>(() =>
            ConfigScaffolder.Write(Path.Combine(blocker, "config.yaml"), "x", force: false));

        Assert.Equal("ConfigPathNotWritable", error.ErrorId);
        Assert.Contains(Path.Combine(blocker, "config.yaml"), error.Message);
    }

    [Fact]
    public void A_read_only_folder_is_permission_denied()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            // Windows folder ACLs and root's bypass of permission bits make this setup meaningless there.
            return;
        }

        var locked = Path.Combine(_folder, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var error = Assert.Throws<PartnerRelationshipsException>(() =>
                ConfigScaffolder.Write(Path.Combine(locked, "config.yaml"), "x", force: false));

            Assert.Equal("ConfigPathNotWritable", error.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, error.Category);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_written_starter_file_loads_with_its_full_path()
    {
        var path = Path.Combine(_folder, "partner.yaml");
        ConfigScaffolder.Write(path, ConfigScaffolder.Render(ConfigTestHelpers.TenantId, "1234567", "Fabrikam", "7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b", "7654321"), force: false);

        var config = ConfigLoader.Load(path);

        Assert.Equal(path, config.SourcePath);
        Assert.Equal("Fabrikam", config.Partner.Name);
        Assert.Equal("7654321", config.Partner.IndirectResellerMpnId);
    }
}
