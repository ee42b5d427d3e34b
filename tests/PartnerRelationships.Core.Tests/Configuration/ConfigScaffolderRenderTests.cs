using System.Text.RegularExpressions;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigScaffolderRenderTests
{
    private static readonly Regex CommentedKey = new(@"^(\s*)# ([A-Za-z]+:.*)$", RegexOptions.Multiline);

    [Theory]
    [InlineData("Fabrikam Cloud Services", null)]
    [InlineData("O'Brien & Sons: \"Cloud\" #1", "7654321")]
    [InlineData("  Ünïcödé — 株式会社 ", null)]
    [InlineData("- [not] {yaml} *here* &there !tag %pct @at `tick` | > ~", null)]
    [InlineData("null", null)]
    [InlineData("true", null)]
    public void The_rendered_file_loads_back_to_the_same_values(string name, string? reseller)
    {
        var resellerTenant = reseller is null ? null : "7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b";
        var text = ConfigScaffolder.Render(TenantId, "1234567", name, resellerTenant, reseller);

        var config = ConfigLoader.Parse(text, Source, BaseDirectory);

        Assert.Equal(TenantId, config.Partner.TenantId);
        Assert.Equal("1234567", config.Partner.MpnId);
        Assert.Equal(name, config.Partner.Name);
        Assert.Equal(reseller, config.Partner.IndirectResellerMpnId);
        Assert.Equal(resellerTenant, config.Partner.IndirectResellerTenantId);
    }

    [Fact]
    public void Everything_else_loads_as_the_defaults()
    {
        var config = ConfigLoader.Parse(ConfigScaffolder.Render(TenantId, "1", "X", null), Source, BaseDirectory);
        AssertDefaults(config);
    }

    [Fact]
    public void Every_key_of_every_section_is_listed()
    {
        var text = ConfigScaffolder.Render(TenantId, "1", "X", null);
        foreach (var section in ConfigSchema.SectionKeys)
        {
            Assert.Matches(new Regex($"^{section.Key}:", RegexOptions.Multiline), text);
            foreach (var key in section.Value)
            {
                Assert.Matches(new Regex($"^  (# )?{key}:", RegexOptions.Multiline), text);
            }
        }

        Assert.Matches(new Regex("^# cloud: Global$", RegexOptions.Multiline), text);
    }

    [Fact]
    public void Uncommenting_every_key_line_still_loads_with_the_same_defaults()
    {
        var text = CommentedKey.Replace(ConfigScaffolder.Render(TenantId, "1", "X", null), "$1$2");
        Assert.DoesNotMatch(CommentedKey, text);

        var config = ConfigLoader.Parse(text, Source, BaseDirectory);

        AssertDefaults(config);
        Assert.Equal("PARTNERRELATIONSHIPS_CLIENT_SECRET", config.Auth.ClientSecretVariable);
        Assert.Equal(new Uri("https://graph.microsoft.com"), config.Endpoints.Graph);
    }

    [Fact]
    public void Explanatory_comments_never_look_like_commented_keys()
    {
        var text = ConfigScaffolder.Render(TenantId, "1", "X", null);
        var known = ConfigSchema.TopLevelKeys.Concat(ConfigSchema.SectionKeys.Values.SelectMany(keys => keys));
        foreach (Match match in CommentedKey.Matches(text))
        {
            var key = match.Groups[2].Value.Split(':')[0];
            Assert.Contains(key, known);
        }
    }

    [Fact]
    public void The_file_explains_how_secrets_are_referenced()
    {
        var text = ConfigScaffolder.Render(TenantId, "1", "X", null);
        Assert.Contains("SECRETS NEVER GO IN THIS FILE", text);
        Assert.Contains("clientSecretVariable", text);
        Assert.Contains("secretVault + auth.secretName", text);
        Assert.Contains("certificateThumbprint", text);
        Assert.Matches(new Regex(@"^\s*#", RegexOptions.Multiline), text);
    }

    [Fact]
    public void A_tenant_id_is_written_in_canonical_form()
    {
        var text = ConfigScaffolder.Render("{" + TenantId.ToUpperInvariant() + "}", "1", "X", null);
        Assert.Contains($"tenantId: '{TenantId}'", text);
    }

    [Theory]
    [InlineData("not-a-guid", "1234567", "X", null, "-PartnerTenantId")]
    [InlineData("", "1234567", "X", null, "-PartnerTenantId")]
    [InlineData("00000000-0000-0000-0000-000000000000", "1234567", "X", null, "-PartnerTenantId")]
    [InlineData(TenantId, "12ab", "X", null, "-MpnId")]
    [InlineData(TenantId, "", "X", null, "-MpnId")]
    [InlineData(TenantId, "123 4", "X", null, "-MpnId")]
    [InlineData(TenantId, TenantId, "X", null, "-MpnId")]
    [InlineData(TenantId, "1234567", "", null, "-PartnerName")]
    [InlineData(TenantId, "1234567", "   ", null, "-PartnerName")]
    [InlineData(TenantId, "1234567", "Fab\nrikam", null, "-PartnerName")]
    [InlineData(TenantId, "1234567", "Fab\rrikam", null, "-PartnerName")]
    [InlineData(TenantId, "1234567", "X", "abc", "-IndirectResellerMpnId")]
    public void Bad_input_is_refused_naming_the_parameter(string tenantId, string partnerId, string name, string? reseller, string parameter)
    {
        var resellerTenant = reseller is null ? null : "7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b";
        var error = Assert.Throws<PartnerRelationshipsException>(() => ConfigScaffolder.Render(tenantId, partnerId, name, resellerTenant, reseller));
        Assert.Equal("ConfigInvalidValue", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Category);
        Assert.StartsWith(parameter + " ", error.Message);
    }

    private static void AssertDefaults(PartnerRelationshipsConfig config)
    {
        var defaults = new PartnerRelationshipsConfig();
        Assert.Equal(defaults.Cloud, config.Cloud);
        Assert.Equal(defaults.Auth.Mode, config.Auth.Mode);
        Assert.Equal(defaults.Store.Provider, config.Store.Provider);
        Assert.Equal(defaults.Invites.Duration, config.Invites.Duration);
        Assert.Equal(defaults.Invites.AutoExtend, config.Invites.AutoExtend);
        Assert.Equal(defaults.Invites.DisplayNamePrefix, config.Invites.DisplayNamePrefix);
        Assert.Equal(defaults.Invites.Roles, config.Invites.Roles);
        Assert.Equal(defaults.Retry.MaxAttempts, config.Retry.MaxAttempts);
        Assert.Equal(defaults.Retry.BaseDelay, config.Retry.BaseDelay);
        Assert.Equal(defaults.Retry.MaxDelay, config.Retry.MaxDelay);
        Assert.Equal(defaults.Retry.AttemptTimeout, config.Retry.AttemptTimeout);
        Assert.Equal(defaults.Retry.TotalTimeout, config.Retry.TotalTimeout);
        Assert.Equal(defaults.Retry.BreakerFailureRatio, config.Retry.BreakerFailureRatio);
        Assert.Equal(defaults.Retry.BreakerMinimumThroughput, config.Retry.BreakerMinimumThroughput);
        Assert.Equal(defaults.Retry.BreakerSamplingDuration, config.Retry.BreakerSamplingDuration);
        Assert.Equal(defaults.Retry.BreakerBreakDuration, config.Retry.BreakerBreakDuration);
        Assert.Equal(defaults.Compliance.PendingInviteDays, config.Compliance.PendingInviteDays);
        Assert.Equal(defaults.Compliance.ExpiringWithinDays, config.Compliance.ExpiringWithinDays);
        Assert.Equal(defaults.Compliance.ForbiddenRoles, config.Compliance.ForbiddenRoles);
        Assert.Equal(defaults.Compliance.DisabledRules, config.Compliance.DisabledRules);
    }
}
