using PartnerRelationships.Core.Configuration;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigCrossFieldTests
{
    [Fact]
    public void A_partner_section_needs_a_tenant_id()
    {
        var error = Fails("ConfigMissingValue", 1, 1, "partner:", "  partnerId: '1234567'");
        Assert.Contains("partner.tenantId is required", error.Message);
        Assert.Contains("GUID", error.Message);
    }

    [Fact]
    public void An_empty_tenant_id_is_missing_and_located_at_its_value()
    {
        var error = Fails("ConfigMissingValue", 2, 12, "partner:", "  tenantId:", "  partnerId: '1234567'");
        Assert.Contains("partner.tenantId", error.Message);
    }

    [Fact]
    public void A_partner_section_needs_a_partner_id()
    {
        var error = Fails("ConfigMissingValue", 1, 1, "partner:", $"  tenantId: {TenantId}");
        Assert.Contains("partner.partnerId is required", error.Message);
    }

    [Fact]
    public void An_empty_partner_section_is_missing_its_tenant_id()
    {
        Fails("ConfigMissingValue", 1, 1, "partner:");
    }

    [Fact]
    public void A_complete_partner_section_loads()
    {
        var config = Parse("partner:", $"  tenantId: {TenantId}", "  partnerId: 42");
        Assert.Equal("42", config.Partner.PartnerId);
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
