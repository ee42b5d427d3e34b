using PartnerRelationships.Core.Configuration;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigCrossFieldTests
{
    [Fact]
    public void A_partner_section_needs_a_tenant_id()
    {
        var error = Fails("ConfigMissingValue", 1, 1, "partner:", "  mpnId: '1234567'");
        Assert.Contains("partner.tenantId is required", error.Message);
        Assert.Contains("GUID", error.Message);
    }

    [Fact]
    public void An_empty_tenant_id_is_missing_and_located_at_its_value()
    {
        var error = Fails("ConfigMissingValue", 2, 12, "partner:", "  tenantId:", "  mpnId: '1234567'");
        Assert.Contains("partner.tenantId", error.Message);
    }

    [Fact]
    public void The_mpn_id_is_optional_unless_the_link_shows_it()
    {
        Assert.Equal("", Parse("partner:", $"  tenantId: {TenantId}").Partner.MpnId);

        var error = Fails("ConfigMissingValue", 4, 20, "partner:", $"  tenantId: {TenantId}", "invites:", "  showMpnIdInLink: true");
        Assert.Contains("partner.mpnId is required for invites.showMpnIdInLink", error.Message);
    }

    [Fact]
    public void An_indirect_reseller_needs_both_of_its_ids()
    {
        var error = Fails("ConfigMissingValue", 3, 29, "partner:", $"  tenantId: {TenantId}", "  indirectResellerTenantId: 7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b");
        Assert.Contains("partner.indirectResellerMpnId is required with partner.indirectResellerTenantId", error.Message);

        error = Fails("ConfigMissingValue", 3, 26, "partner:", $"  tenantId: {TenantId}", "  indirectResellerMpnId: '7654321'");
        Assert.Contains("partner.indirectResellerTenantId is required with partner.indirectResellerMpnId", error.Message);
    }

    [Fact]
    public void The_indirect_reseller_cannot_be_the_partner_itself()
    {
        var error = Fails("ConfigInvalidValue", 5, 29, "partner:", $"  tenantId: {TenantId}", "  mpnId: '1234567'",
            "  indirectResellerMpnId: '7654321'", $"  indirectResellerTenantId: {TenantId}");
        Assert.Contains("is your own tenant id (partner.tenantId)", error.Message);

        error = Fails("ConfigInvalidValue", 4, 26, "partner:", $"  tenantId: {TenantId}", "  mpnId: '1234567'",
            "  indirectResellerMpnId: '1234567'", "  indirectResellerTenantId: 7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b");
        Assert.Contains("is your own MPN id (partner.mpnId)", error.Message);
    }

    [Fact]
    public void A_key_of_an_earlier_version_names_its_replacement()
    {
        var error = Fails("ConfigUnknownKey", 3, 3, "partner:", $"  tenantId: {TenantId}", "  partnerId: '1234567'");
        Assert.Contains("partner.partnerId was renamed partner.mpnId", error.Message);
        Assert.Contains("the reseller link's partnerId is partner.tenantId", error.Message);

        error = Fails("ConfigUnknownKey", 3, 3, "partner:", $"  tenantId: {TenantId}", "  indirectResellerId: '7654321'");
        Assert.Contains("partner.indirectResellerTenantId", error.Message);
    }

    [Fact]
    public void An_empty_partner_section_is_missing_its_tenant_id()
    {
        Fails("ConfigMissingValue", 1, 1, "partner:");
    }

    [Fact]
    public void A_complete_partner_section_loads()
    {
        var config = Parse("partner:", $"  tenantId: {TenantId}", "  mpnId: 42");
        Assert.Equal("42", config.Partner.MpnId);
        Assert.Equal("", config.Partner.Name);
    }

    [Fact]
    public void Client_secret_mode_needs_a_client_id()
    {
        var error = Fails("ConfigMissingValue", 2, 9, "auth:", "  mode: ClientSecret", "  clientSecretVariable: S");
        Assert.Contains("auth.clientId is required for auth.mode ClientSecret", error.Message);
    }

    [Fact]
    public void Client_secret_mode_needs_a_secret_reference()
    {
        var error = Fails("ConfigMissingValue", 2, 9, "auth:", "  mode: ClientSecret", $"  clientId: {ClientId}");
        Assert.Contains("auth.clientSecretVariable or auth.secretVault + auth.secretName", error.Message);
    }

    [Fact]
    public void A_vault_needs_a_secret_name()
    {
        var error = Fails("ConfigMissingValue", 4, 16, "auth:", "  mode: ClientSecret", $"  clientId: {ClientId}", "  secretVault: V");
        Assert.Contains("auth.secretName is required with auth.secretVault", error.Message);
    }

    [Fact]
    public void A_secret_name_needs_a_vault()
    {
        var error = Fails("ConfigMissingValue", 4, 15, "auth:", "  mode: ClientSecret", $"  clientId: {ClientId}", "  secretName: N");
        Assert.Contains("auth.secretVault is required with auth.secretName", error.Message);
    }

    [Fact]
    public void Client_secret_mode_with_a_variable_loads()
    {
        var config = Parse("auth:", "  mode: clientsecret", $"  clientId: {ClientId}", "  clientSecretVariable: APP_SECRET");
        Assert.Equal("APP_SECRET", config.Auth.ClientSecretVariable);
    }

    [Fact]
    public void Certificate_mode_needs_a_thumbprint_or_path()
    {
        var error = Fails("ConfigMissingValue", 2, 9, "auth:", "  mode: Certificate", $"  clientId: {ClientId}");
        Assert.Contains("auth.certificateThumbprint or auth.certificatePath is required", error.Message);
    }

    [Fact]
    public void Certificate_mode_needs_a_client_id()
    {
        Fails("ConfigMissingValue", 2, 9, "auth:", "  mode: Certificate", "  certificatePath: app.pfx");
    }

    [Fact]
    public void Certificate_mode_with_a_path_loads_and_resolves_it()
    {
        var config = Parse("auth:", "  mode: Certificate", $"  clientId: {ClientId}", "  certificatePath: app.pfx");
        Assert.Equal(Path.Combine(BaseDirectory, "app.pfx"), config.Auth.CertificatePath);
    }

    [Fact]
    public void Postgres_needs_a_connection_string_reference()
    {
        var error = Fails("ConfigMissingValue", 2, 13, "store:", "  provider: postgres");
        Assert.Contains("store.connectionStringVariable or store.secretVault + store.secretName", error.Message);
    }

    [Fact]
    public void Postgres_with_a_vault_loads()
    {
        var config = Parse("store:", "  provider: postgres", "  secretVault: V", "  secretName: Pg");
        Assert.Equal(StoreProvider.Postgres, config.Store.Provider);
    }

    [Fact]
    public void Max_delay_shorter_than_base_delay_is_refused()
    {
        var error = Fails("ConfigInvalidValue", 3, 13, "retry:", "  baseDelay: 10s", "  maxDelay: 5s");
        Assert.Contains("retry.maxDelay (5s) is shorter than retry.baseDelay (10s)", error.Message);
    }

    [Fact]
    public void A_total_timeout_shorter_than_an_attempt_is_refused_at_the_key_that_was_written()
    {
        // Only attemptTimeout is written, so the error points at it.
        var error = Fails("ConfigInvalidValue", 2, 19, "retry:", "  attemptTimeout: 10m");
        Assert.Contains("retry.totalTimeout (5m) is shorter than retry.attemptTimeout (10m)", error.Message);
    }
}
