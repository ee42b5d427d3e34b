using PartnerRelationships.Core.Configuration;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Configuration;

/// <summary>Issue 14: plain http only on loopback, and the RefreshToken sign-in mode's keys.</summary>
public sealed class ConfigSignInTests
{
    [Theory]
    [InlineData("graph")]
    [InlineData("partnerCenter")]
    [InlineData("login")]
    public void A_plain_http_endpoint_off_loopback_is_refused_when_the_configuration_loads(string key)
    {
        var error = Fails(ErrorIds.Config.InsecureEndpoint, 2, key.Length + 5, "endpoints:", $"  {key}: http://login.contoso.example/");

        Assert.Equal(Errors.ErrorKind.SecurityError, error.Category);
        Assert.Contains("clear text", error.Message);
        Assert.Contains("https", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099/")]
    [InlineData("http://localhost:5099/")]
    [InlineData("http://[::1]:5099/")]
    [InlineData("https://login.contoso.example/")]
    public void Https_anywhere_and_http_on_loopback_are_accepted(string address)
    {
        var config = Parse("endpoints:", $"  login: {address}");

        Assert.Equal(new Uri(address), config.Endpoints.Login);
    }

    [Fact]
    public void RefreshToken_mode_reads_the_vault_and_variable_names()
    {
        var config = Parse("auth:", "  mode: RefreshToken", $"  clientId: {ClientId}", "  refreshTokenVault: PartnerVault", "  refreshTokenName: partner-refresh", "  refreshTokenVariable: PR_REFRESH");

        Assert.Equal(AuthMode.RefreshToken, config.Auth.Mode);
        Assert.Equal("PartnerVault", config.Auth.RefreshTokenVault);
        Assert.Equal("partner-refresh", config.Auth.RefreshTokenName);
        Assert.Equal("PR_REFRESH", config.Auth.RefreshTokenVariable);
    }

    [Fact]
    public void RefreshToken_mode_needs_somewhere_to_read_the_token_from()
    {
        var error = Assert.Throws<Errors.PartnerRelationshipsException>(() => Parse("auth:", "  mode: RefreshToken", $"  clientId: {ClientId}", "  refreshTokenVault: PartnerVault"));

        Assert.Equal(ErrorIds.Config.MissingValue, error.ErrorId);
        Assert.Contains("auth.refreshTokenName", error.Message);
        Assert.Contains("New-PartnerRelationshipRefreshToken", error.Message);
    }

    [Fact]
    public void A_refresh_token_in_the_file_is_refused_as_a_secret_and_says_where_it_belongs()
    {
        var error = Fails(ErrorIds.Config.SecretInFile, 3, 3, "auth:", "  mode: RefreshToken", "  refreshToken: 0.AAAA-not-here");

        Assert.Contains("auth.refreshTokenVault", error.Message);
        Assert.DoesNotContain("0.AAAA-not-here", error.Message);
    }
}
