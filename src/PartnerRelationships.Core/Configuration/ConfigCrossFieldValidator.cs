using System;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// The rules that span keys: the partner's identity when a partner section exists, what each sign-in mode needs,
/// how PostgreSQL finds its connection string, and retry timings that must fit inside each other.
/// Errors point at the key that makes the other one necessary.
/// </summary>
internal sealed class ConfigCrossFieldValidator
{
    private readonly YamlValueReader _reader;
    private readonly Mark _documentStart;

    public ConfigCrossFieldValidator(YamlValueReader reader, YamlNode root)
    {
        _reader = reader;
        _documentStart = root.Start;
    }

    public void Validate(PartnerRelationshipsConfig config)
    {
        ValidatePartner(config.Partner);
        ValidateInvites(config);
        ValidateAuth(config.Auth);
        ValidateStore(config.Store);
        ValidateRetry(config.Retry);
    }

    private void ValidatePartner(PartnerSettings partner)
    {
        if (_reader.LocationOf(ConfigSchema.Partner) is null)
        {
            return;
        }

        if (partner.TenantId.Length == 0)
        {
            throw Missing("partner.tenantId", ConfigSchema.Partner, "is required in the partner section", PartnerIdentityRules.TenantIdAllowed);
        }

        var resellerTenant = partner.IndirectResellerTenantId;
        var resellerMpn = partner.IndirectResellerMpnId;
        if (resellerTenant is not null && resellerMpn is null)
        {
            throw Missing("partner.indirectResellerMpnId", "partner.indirectResellerTenantId", "is required with partner.indirectResellerTenantId", PartnerIdentityRules.ResellerMpnIdAllowed);
        }

        if (resellerMpn is not null && resellerTenant is null)
        {
            throw Missing("partner.indirectResellerTenantId", "partner.indirectResellerMpnId", "is required with partner.indirectResellerMpnId", PartnerIdentityRules.ResellerTenantIdAllowed);
        }

        // The indirect-reseller link names two parties: the reseller (partnerId, msppId) and you, the provider (indirectCSPId).
        if (resellerTenant is not null && string.Equals(resellerTenant, partner.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            throw Inconsistent("partner.indirectResellerTenantId", "partner.tenantId", "is your own tenant id (partner.tenantId)",
                PartnerIdentityRules.ResellerTenantIdAllowed);
        }

        if (resellerMpn is not null && string.Equals(resellerMpn, partner.MpnId, StringComparison.Ordinal))
        {
            throw Inconsistent("partner.indirectResellerMpnId", "partner.mpnId", "is your own MPN id (partner.mpnId)",
                PartnerIdentityRules.ResellerMpnIdAllowed);
        }
    }

    private void ValidateInvites(PartnerRelationshipsConfig config)
    {
        if (config.Invites.ShowMpnIdInLink && config.Partner.MpnId.Length == 0 && _reader.LocationOf(ConfigSchema.Partner) is not null)
        {
            throw Missing("partner.mpnId", "invites.showMpnIdInLink", "is required for invites.showMpnIdInLink", PartnerIdentityRules.PartnerIdAllowed);
        }
    }

    private void ValidateAuth(AuthSettings auth)
    {
        var mode = $"auth.mode {auth.Mode}";
        switch (auth.Mode)
        {
            case AuthMode.ClientSecret:
                RequireClientId(auth, mode);
                if (auth.ClientSecretVariable is null)
                {
                    RequireVault(auth.SecretVault, auth.SecretName, "auth", "auth.mode",
                        "needs auth.clientSecretVariable or auth.secretVault + auth.secretName",
                        "Name the environment variable holding the client secret in auth.clientSecretVariable, "
                        + "or the SecretManagement vault and secret in auth.secretVault and auth.secretName");
                }

                break;
            case AuthMode.RefreshToken:
                RequireClientId(auth, mode);
                if (auth.RefreshTokenVariable is null && (auth.RefreshTokenVault is null || auth.RefreshTokenName is null))
                {
                    throw Missing(auth.RefreshTokenVault is null ? "auth.refreshTokenVault" : "auth.refreshTokenName", "auth.mode",
                        "(with auth.refreshTokenName and auth.refreshTokenVault), or auth.refreshTokenVariable, is required for auth.mode RefreshToken",
                        $"Name the SecretManagement vault and secret {CommandNames.NewPartnerRelationshipRefreshToken} wrote the refresh token to, or the environment variable that holds it");
                }

                break;
            case AuthMode.Certificate:
                RequireClientId(auth, mode);
                if (auth.CertificateThumbprint is null && auth.CertificatePath is null)
                {
                    throw Missing("auth.certificateThumbprint", "auth.mode", "or auth.certificatePath is required for auth.mode Certificate",
                        "Give the thumbprint of a certificate in the certificate store, or the path of a certificate file");
                }

                break;
        }
    }

    private void RequireClientId(AuthSettings auth, string mode)
    {
        if (auth.ClientId is null)
        {
            throw Missing("auth.clientId", "auth.mode", $"is required for {mode}", "Give the app registration's client id, a GUID");
        }
    }

    private void ValidateStore(StoreSettings store)
    {
        if (store.Provider == StoreProvider.Postgres && store.ConnectionStringVariable is null)
        {
            RequireVault(store.SecretVault, store.SecretName, "store", "store.provider",
                "needs store.connectionStringVariable or store.secretVault + store.secretName for store.provider Postgres",
                "Name the environment variable holding the connection string in store.connectionStringVariable, "
                + "or the SecretManagement vault and secret in store.secretVault and store.secretName");
        }
    }

    /// <summary>A vault needs its secret's name and vice versa; with neither, <paramref name="neither"/> is the problem.</summary>
    private void RequireVault(string? vault, string? name, string section, string anchor, string neither, string allowed)
    {
        if (vault is null && name is null)
        {
            throw Missing(section, anchor, neither, allowed);
        }

        if (vault is null)
        {
            throw Missing($"{section}.secretVault", $"{section}.secretName", $"is required with {section}.secretName", "Name the SecretManagement vault that holds the secret");
        }

        if (name is null)
        {
            throw Missing($"{section}.secretName", $"{section}.secretVault", $"is required with {section}.secretVault", "Name the secret in that vault");
        }
    }

    private void ValidateRetry(RetrySettings retry)
    {
        if (retry.MaxDelay < retry.BaseDelay)
        {
            throw Inconsistent("retry.maxDelay", "retry.baseDelay",
                $"({ConfigTimeSpanText.Format(retry.MaxDelay)}) is shorter than retry.baseDelay ({ConfigTimeSpanText.Format(retry.BaseDelay)})",
                "Make retry.maxDelay at least retry.baseDelay");
        }

        if (retry.TotalTimeout < retry.AttemptTimeout)
        {
            throw Inconsistent("retry.totalTimeout", "retry.attemptTimeout",
                $"({ConfigTimeSpanText.Format(retry.TotalTimeout)}) is shorter than retry.attemptTimeout ({ConfigTimeSpanText.Format(retry.AttemptTimeout)})",
                "Make retry.totalTimeout at least retry.attemptTimeout");
        }
    }

    private Exception Missing(string keyPath, string anchor, string problem, string allowed)
    {
        // A whole section as the key path ("auth needs ...") points at the key that caused the need instead.
        var mark = (keyPath.Contains(".") ? _reader.LocationOf(keyPath) : null) ?? _reader.LocationOf(anchor)
                   ?? _reader.LocationOf(keyPath.Split('.')[0]) ?? _documentStart;
        return ConfigErrors.MissingValue(_reader.SourceName, mark, keyPath, problem, allowed);
    }

    private Exception Inconsistent(string keyPath, string other, string problem, string allowed)
    {
        var mark = _reader.LocationOf(keyPath) ?? _reader.LocationOf(other) ?? _documentStart;
        return ConfigErrors.InvalidValue(_reader.SourceName, mark, keyPath, problem, allowed);
    }
}
