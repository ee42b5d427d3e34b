using PartnerRelationships.Core.Configuration;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigLoaderTests
{
    [Fact]
    public void An_empty_text_gives_the_defaults()
    {
        var config = ConfigLoader.Parse("", Source);
        Assert.Equal(CloudEnvironment.Global, config.Cloud);
        Assert.Equal(6, config.Retry.MaxAttempts);
        Assert.Null(config.SourcePath);
    }

    [Fact]
    public void A_file_of_comments_gives_the_defaults()
    {
        var config = Parse("# nothing here", "", "   # still nothing");
        Assert.Equal(StoreProvider.Sqlite, config.Store.Provider);
        Assert.Equal("P730D", config.Invites.Duration);
    }

    [Fact]
    public void A_byte_order_mark_in_the_text_is_ignored()
    {
        var config = Parse("\uFEFFcloud: China");
        Assert.Equal(CloudEnvironment.China, config.Cloud);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_loads()
    {
        using var folder = new TempFolder();
        var path = folder.File("bom.yaml");
        File.WriteAllText(path, "retry:\n  maxAttempts: 3\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);

        var config = ConfigLoader.Load(path);

        Assert.Equal(3, config.Retry.MaxAttempts);
        Assert.Equal(path, config.SourcePath);
    }

    [Fact]
    public void Load_sets_the_full_source_path_and_resolves_relative_paths_against_the_file()
    {
        using var temp = new TempFolder();
        var folder = temp.Path;
        var previous = Environment.CurrentDirectory;
        try
        {
            File.WriteAllText(Path.Combine(folder, "c.yaml"), "store:\n  path: data/store.db\n");
            Environment.CurrentDirectory = folder;

            var config = ConfigLoader.Load("c.yaml");

            Assert.Equal(Path.Combine(folder, "c.yaml"), config.SourcePath);
            Assert.Equal(Path.Combine(folder, "data", "store.db"), config.Store.Path);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Every_section_binds()
    {
        var config = Parse(
            "partner:",
            $"  tenantId: {TenantId.ToUpperInvariant()}",
            "  mpnId: '1234567'",
            "  name: Fabrikam Cloud Services",
            "  indirectResellerTenantId: 7A2B3C4D-5E6F-4071-8A9B-0C1D2E3F4A5B",
            "  indirectResellerMpnId: 7654321",
            "cloud: usgovernmentdod",
            "auth:",
            "  mode: certificate",
            $"  clientId: {ClientId}",
            $"  tenantId: {TenantId}",
            "  certificateThumbprint: 0123456789abcdef0123456789abcdef01234567",
            "  certificatePath: /certs/app.pfx",
            $"  managedIdentityClientId: {ClientId}",
            "  accessTokenVariable: MY_TOKEN",
            "store:",
            "  provider: POSTGRES",
            "  connectionStringVariable: PG_CONN",
            "invites:",
            "  templatePath: /templates/invite.txt",
            "  subject: 'Hello: {CustomerName}'",
            "  roles:",
            "    - Directory Readers",
            "    - 'User Administrator'",
            "  duration: p90d",
            "  autoExtend: TRUE",
            "  displayNamePrefix: FAB-",
            "retry:",
            "  maxAttempts: 3",
            "  baseDelay: 500ms",
            "  maxDelay: 00:01:00",
            "  attemptTimeout: 30s",
            "  totalTimeout: 5m",
            "  breakerFailureRatio: 0.25",
            "  breakerMinimumThroughput: 10",
            "  breakerSamplingDuration: 1m",
            "  breakerBreakDuration: 1h",
            "compliance:",
            "  pendingInviteDays: 7",
            "  expiringWithinDays: 60",
            "  forbiddenRoles: [Privileged Role Administrator]",
            "  disabledRules:",
            "    - PendingTooLong",
            "endpoints:",
            "  graph: http://localhost:5000/graph",
            "  partnerCenter: https://pc.example.test/",
            "  login: https://login.example.test");

        Assert.Equal(TenantId, config.Partner.TenantId);
        Assert.Equal("1234567", config.Partner.MpnId);
        Assert.Equal("Fabrikam Cloud Services", config.Partner.Name);
        Assert.Equal("7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b", config.Partner.IndirectResellerTenantId);
        Assert.Equal("7654321", config.Partner.IndirectResellerMpnId);
        Assert.Equal(CloudEnvironment.USGovernmentDoD, config.Cloud);
        Assert.Equal(AuthMode.Certificate, config.Auth.Mode);
        Assert.Equal(ClientId, config.Auth.ClientId);
        Assert.Equal(TenantId, config.Auth.TenantId);
        Assert.Equal("0123456789ABCDEF0123456789ABCDEF01234567", config.Auth.CertificateThumbprint);
        Assert.Equal(Path.GetFullPath("/certs/app.pfx"), config.Auth.CertificatePath);
        Assert.Equal(ClientId, config.Auth.ManagedIdentityClientId);
        Assert.Equal("MY_TOKEN", config.Auth.AccessTokenVariable);
        Assert.Equal(StoreProvider.Postgres, config.Store.Provider);
        Assert.Equal("PG_CONN", config.Store.ConnectionStringVariable);
        Assert.Equal(Path.GetFullPath("/templates/invite.txt"), config.Invites.TemplatePath);
        Assert.Equal("Hello: {CustomerName}", config.Invites.Subject);
        Assert.Equal(new[] { "Directory Readers", "User Administrator" }, config.Invites.Roles);
        Assert.Equal("P90D", config.Invites.Duration);
        Assert.True(config.Invites.AutoExtend);
        Assert.Equal("FAB-", config.Invites.DisplayNamePrefix);
        Assert.Equal(3, config.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(1), config.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Retry.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Retry.TotalTimeout);
        Assert.Equal(0.25, config.Retry.BreakerFailureRatio);
        Assert.Equal(10, config.Retry.BreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromMinutes(1), config.Retry.BreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromHours(1), config.Retry.BreakerBreakDuration);
        Assert.Equal(7, config.Compliance.PendingInviteDays);
        Assert.Equal(60, config.Compliance.ExpiringWithinDays);
        Assert.Equal(new[] { "Privileged Role Administrator" }, config.Compliance.ForbiddenRoles);
        Assert.Equal(new[] { "PendingTooLong" }, config.Compliance.DisabledRules);
        Assert.Equal(new Uri("http://localhost:5000/graph"), config.Endpoints.Graph);
        Assert.Equal(new Uri("https://pc.example.test/"), config.Endpoints.PartnerCenter);
        Assert.Equal(new Uri("https://login.example.test"), config.Endpoints.Login);
    }

    [Fact]
    public void Keys_and_section_names_are_case_insensitive()
    {
        var config = Parse("RETRY:", "  MaxAttempts: 2", "Cloud: china");
        Assert.Equal(2, config.Retry.MaxAttempts);
        Assert.Equal(CloudEnvironment.China, config.Cloud);
    }

    [Fact]
    public void Empty_sections_and_values_keep_the_defaults()
    {
        var config = Parse("auth:", "retry:", "invites:", "  roles:", "  subject:", "endpoints:", "  graph: ~");
        Assert.Equal(AuthMode.Interactive, config.Auth.Mode);
        Assert.Equal(6, config.Retry.MaxAttempts);
        Assert.Empty(config.Invites.Roles);
        Assert.Null(config.Invites.Subject);
        Assert.Null(config.Endpoints.Graph);
    }

    [Fact]
    public void A_quoted_string_that_says_null_is_text()
    {
        Assert.Equal("null", Parse("invites:", "  subject: 'null'").Invites.Subject);
    }

    [Theory]
    [InlineData("relative.db", "relative.db")]
    [InlineData("./sub/store.db", "sub/store.db")]
    [InlineData("../up.db", "../up.db")]
    public void A_relative_store_path_starts_at_the_config_folder(string written, string expectedRelative)
    {
        var config = Parse("store:", $"  path: {written}");
        Assert.Equal(Path.GetFullPath(Path.Combine(BaseDirectory, expectedRelative)), config.Store.Path);
    }

    [Fact]
    public void An_absolute_store_path_is_kept()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "abs", "store.db");
        Assert.Equal(absolute, Parse("store:", $"  path: '{absolute}'").Store.Path);
    }

    [Fact]
    public void A_leading_tilde_in_the_store_path_is_the_home_folder()
    {
        var home = Path.Combine(Path.GetTempPath(), "home-of-test");
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["USERPROFILE"] = home };
        var config = Parse(Yaml("store:", "  path: ~/data/store.db"), environment);
        Assert.Equal(Path.GetFullPath(Path.Combine(home, "data", "store.db")), config.Store.Path);
    }

    [Theory]
    [InlineData("$DATA/store.db")]
    [InlineData("${DATA}/store.db")]
    [InlineData("%DATA%/store.db")]
    public void Environment_variables_in_the_store_path_are_expanded(string written)
    {
        var data = Path.Combine(Path.GetTempPath(), "data-of-test");
        var config = Parse(Yaml("store:", $"  path: '{written}'"), new Dictionary<string, string> { ["DATA"] = data });
        Assert.Equal(Path.GetFullPath(Path.Combine(data, "store.db")), config.Store.Path);
    }

    [Fact]
    public void An_unknown_environment_variable_stays_as_written()
    {
        var config = Parse(Yaml("store:", "  path: '$NOPE/store.db'"), new Dictionary<string, string>());
        Assert.Equal(Path.GetFullPath(Path.Combine(BaseDirectory, "$NOPE", "store.db")), config.Store.Path);
    }

    [Fact]
    public void Parse_without_a_base_directory_uses_the_folder_of_a_full_source_path()
    {
        var source = Path.Combine(Path.GetTempPath(), "somewhere", "c.yaml");
        var config = ConfigLoader.Parse("store:\n  path: s.db\n", source);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "somewhere", "s.db"), config.Store.Path);
    }

    [Fact]
    public void Aliases_resolve_to_their_anchor()
    {
        var config = Parse("compliance:", "  pendingInviteDays: &days 9", "  expiringWithinDays: *days");
        Assert.Equal(9, config.Compliance.ExpiringWithinDays);
    }

    [Fact]
    public void Secret_references_are_accepted()
    {
        var config = Parse(
            "auth:",
            "  mode: ClientSecret",
            $"  clientId: {ClientId}",
            "  secretVault: Vault",
            "  secretName: AppSecret");
        Assert.Equal("Vault", config.Auth.SecretVault);
        Assert.Equal("AppSecret", config.Auth.SecretName);
    }
}
