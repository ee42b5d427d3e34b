using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigSecretTests
{
    private const string Secret = "hunter2-Sup3rS3cret";

    [Theory]
    [InlineData("auth", "clientSecret", "auth.clientSecretVariable")]
    [InlineData("auth", "secret", "auth.secretVault + auth.secretName")]
    [InlineData("auth", "password", "auth.clientSecretVariable")]
    [InlineData("auth", "accessToken", "auth.accessTokenVariable")]
    [InlineData("auth", "certificatePassword", "auth.certificateThumbprint")]
    [InlineData("store", "connectionString", "store.connectionStringVariable")]
    [InlineData("store", "ConnectionString", "store.secretVault + store.secretName")]
    [InlineData("endpoints", "password", "auth.clientSecretVariable")]
    [InlineData("invites", "certificatePassword", "auth.certificateThumbprint")]
    public void A_secret_key_is_refused_with_the_reference_to_use(string section, string key, string instead)
    {
        var error = Fails("ConfigSecretInFile", 3, 3, $"{section}:", "  mode: x", $"  {key}: {Secret}");
        Assert.Equal(ErrorKind.SecurityError, error.Category);
        Assert.Contains($"{section}.{key} holds a secret", error.Message);
        Assert.Contains(instead, error.Message);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public void A_secret_at_the_top_level_is_refused()
    {
        var error = Fails("ConfigSecretInFile", 1, 1, $"password: {Secret}");
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public void A_secret_is_reported_before_other_problems_later_or_earlier_in_the_file()
    {
        // The unknown key and the missing clientSecretVariable come first in reading order; the secret still wins.
        var error = Fails("ConfigSecretInFile", 5, 3,
            "retry:", "  colour: blue", "auth:", "  mode: ClientSecret", $"  clientSecret: {Secret}");
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public void A_secret_nested_in_a_list_or_a_multi_line_value_is_refused_without_echo()
    {
        var error = Fails("ConfigSecretInFile", 3, 7, "compliance:", "  disabledRules:", "    - password: |", $"        {Secret}");
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Theory]
    [InlineData("clientSecretVariable")]
    [InlineData("secretVault")]
    [InlineData("secretName")]
    [InlineData("accessTokenVariable")]
    [InlineData("connectionStringVariable")]
    [InlineData("certificateThumbprint")]
    public void References_to_secrets_are_not_secrets(string key)
    {
        Assert.False(ConfigSecretScanner.IsSecretKey(key));
    }

    [Theory]
    [InlineData("clientSecret")]
    [InlineData("CLIENTSECRET")]
    [InlineData("dbPassword")]
    [InlineData("refreshToken")]
    [InlineData("apiKey")]
    public void Secret_like_keys_are_secrets(string key)
    {
        Assert.True(ConfigSecretScanner.IsSecretKey(key));
    }

    [Fact]
    public void A_file_on_disk_with_a_secret_never_shows_it()
    {
        var folder = Directory.CreateTempSubdirectory("pr-config-").FullName;
        try
        {
            var path = Path.Combine(folder, "partner.yaml");
            File.WriteAllText(path, $"auth:\n  mode: ClientSecret\n  clientId: {ClientId}\n  clientSecret: {Secret}\n");
            var error = Assert.Throws<PartnerRelationshipsException>(() => ConfigLoader.Load(path));
            Assert.Equal("ConfigSecretInFile", error.ErrorId);
            Assert.StartsWith($"{path}:4:3: auth.clientSecret", error.Message);
            Assert.DoesNotContain(Secret, error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
