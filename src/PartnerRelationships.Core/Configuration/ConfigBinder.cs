using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Alerts;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Roles;
using YamlDotNet.RepresentationModel;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Maps the YAML tree onto <see cref="PartnerRelationshipsConfig"/> key by key, checking each value's type, format
/// and range as it goes. Keys left out keep the model's defaults. Cross-field rules come afterwards
/// (<see cref="ConfigCrossFieldValidator"/>).
/// </summary>
internal sealed class ConfigBinder
{
    private const string GuidAllowed = "Use a GUID such as 11111111-2222-3333-4444-555555555555";

    private readonly YamlValueReader _reader;
    private readonly ConfigPathExpander _paths;

    public ConfigBinder(YamlValueReader reader, ConfigPathExpander paths)
    {
        _reader = reader;
        _paths = paths;
    }

    public PartnerRelationshipsConfig Bind(YamlNode root)
    {
        var config = new PartnerRelationshipsConfig();
        var templates = new TemplatesBinder(_reader);
        foreach (var (key, value) in _reader.Entries(root, section: null))
        {
            switch (key)
            {
                case ConfigSchema.Partner: BindPartner(value, config.Partner); break;
                case ConfigSchema.Cloud: config.Cloud = _reader.Enum<CloudEnvironment>(value, key); break;
                case ConfigSchema.Auth: BindAuth(value, config.Auth); break;
                case ConfigSchema.Store: BindStore(value, config.Store); break;
                case ConfigSchema.Invites: BindInvites(value, config.Invites); break;
                case ConfigSchema.Retry: BindRetry(value, config.Retry); break;
                case ConfigSchema.Compliance: BindCompliance(value, config.Compliance); break;
                case ConfigSchema.Endpoints: BindEndpoints(value, config.Endpoints); break;
                case ConfigSchema.Templates: config.Templates = templates.Bind(value); break;
            }
        }

        templates.CheckInheritedAutoExtend(config.Invites);
        return config;
    }

    private void BindPartner(YamlNode section, PartnerSettings partner)
    {
        const string s = ConfigSchema.Partner;
        foreach (var (key, value) in _reader.Entries(section, s))
        {
            var path = YamlValueReader.Join(s, key);
            if (YamlValueReader.IsNull(value))
            {
                // Left empty: reported as missing by the cross-field check, which knows which values are required.
                continue;
            }

            // Tenant ids (GUIDs) and MPN ids (digits) are easy to swap; a value of the other kind names the key it belongs in.
            switch (key)
            {
                case "tenantId":
                    partner.TenantId = TenantIdKey(value, path, "partner.mpnId", PartnerIdentityRules.TenantIdAllowed);
                    break;
                case "mpnId":
                    partner.MpnId = MpnIdKey(value, path, "partner.tenantId", PartnerIdentityRules.PartnerIdAllowed);
                    break;
                case "name":
                    partner.Name = Checked(value, path, PartnerIdentityRules.NameProblem, PartnerIdentityRules.NameAllowed);
                    break;
                case "indirectResellerTenantId":
                    partner.IndirectResellerTenantId = TenantIdKey(value, path, "partner.indirectResellerMpnId", PartnerIdentityRules.ResellerTenantIdAllowed);
                    break;
                case "indirectResellerMpnId":
                    partner.IndirectResellerMpnId = MpnIdKey(value, path, "partner.indirectResellerTenantId", PartnerIdentityRules.ResellerMpnIdAllowed);
                    break;
            }
        }
    }

    private void BindAuth(YamlNode section, AuthSettings auth)
    {
        const string s = ConfigSchema.Auth;
        foreach (var (key, value) in _reader.Entries(section, s))
        {
            var path = YamlValueReader.Join(s, key);
            switch (key)
            {
                case "mode": auth.Mode = _reader.Enum<AuthMode>(value, path); break;
                case "clientId": auth.ClientId = OptionalGuid(value, path); break;
                case "tenantId": auth.TenantId = OptionalGuid(value, path); break;
                case "clientSecretVariable": auth.ClientSecretVariable = _reader.VariableName(value, path, "PARTNERRELATIONSHIPS_CLIENT_SECRET"); break;
                case "secretVault": auth.SecretVault = _reader.String(value, path); break;
                case "secretName": auth.SecretName = _reader.String(value, path); break;
                case "certificateThumbprint": auth.CertificateThumbprint = OptionalThumbprint(value, path); break;
                case "certificatePath": auth.CertificatePath = OptionalPath(value, path); break;
                case "managedIdentityClientId": auth.ManagedIdentityClientId = OptionalGuid(value, path); break;
                case "accessTokenVariable": auth.AccessTokenVariable = _reader.VariableName(value, path, "PARTNERRELATIONSHIPS_ACCESS_TOKEN"); break;
                case "refreshTokenVariable": auth.RefreshTokenVariable = _reader.VariableName(value, path, "PARTNERRELATIONSHIPS_REFRESH_TOKEN"); break;
                case "refreshTokenVault": auth.RefreshTokenVault = _reader.String(value, path); break;
                case "refreshTokenName": auth.RefreshTokenName = _reader.String(value, path); break;
            }
        }
    }

    private void BindStore(YamlNode section, StoreSettings store)
    {
        const string s = ConfigSchema.Store;
        foreach (var (key, value) in _reader.Entries(section, s))
        {
            var path = YamlValueReader.Join(s, key);
            switch (key)
            {
                case "provider": store.Provider = _reader.Enum<StoreProvider>(value, path); break;
                case "path": store.Path = OptionalPath(value, path); break;
                case "connectionStringVariable": store.ConnectionStringVariable = _reader.VariableName(value, path, "PARTNERRELATIONSHIPS_POSTGRES"); break;
                case "secretVault": store.SecretVault = _reader.String(value, path); break;
                case "secretName": store.SecretName = _reader.String(value, path); break;
            }
        }
    }

    private void BindInvites(YamlNode section, InviteSettings invites)
    {
        const string s = ConfigSchema.Invites;
        foreach (var (key, value) in _reader.Entries(section, s))
        {
            var path = YamlValueReader.Join(s, key);
            switch (key)
            {
                case "templatePath": invites.TemplatePath = OptionalPath(value, path); break;
                case "subject": invites.Subject = _reader.String(value, path); break;
                case "roles": invites.Roles = RoleList(value, path); break;
                case "duration": invites.Duration = _reader.Days(value, path); break;
                case "autoExtend": invites.AutoExtend = _reader.Bool(value, path); break;
                case "displayNamePrefix": invites.DisplayNamePrefix = _reader.String(value, path) ?? ""; break;
                case "requestDelegatedAdmin": invites.RequestDelegatedAdmin = _reader.Bool(value, path); break;
                case "showMpnIdInLink": invites.ShowMpnIdInLink = _reader.Bool(value, path); break;
            }
        }
    }

    /// <summary>
    /// A list of built-in role names or ids. Checked here, not when a granular invite is made, so a typo is reported
    /// with its line before anything is recorded.
    /// </summary>
    private List<string> RoleList(YamlNode value, string path)
    {
        var roles = _reader.StringList(value, path);
        var items = value is YamlSequenceNode sequence ? sequence.Children : new List<YamlNode>();
        for (var i = 0; i < roles.Count; i++)
        {
            if (RoleCatalog.FindById(roles[i]) is null && RoleCatalog.FindByName(roles[i]) is null)
            {
                var suggestions = RoleCatalog.Suggest(roles[i]);
                var hint = suggestions.Count == 0 ? "" : $" (did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?)";
                throw ConfigErrors.InvalidValue(_reader.SourceName, i < items.Count ? items[i].Start : value.Start, path,
                    $"names '{PartnerIdentityRules.Shorten(roles[i])}', which is not a built-in Microsoft Entra role{hint}",
                    "Use built-in role names or ids (granular admin relationships accept no custom roles); list them with [PartnerRelationships.Core.Roles.RoleCatalog]::All");
            }
        }

        return roles;
    }

    private void BindRetry(YamlNode section, RetrySettings retry)
    {
        const string s = ConfigSchema.Retry;
        // The bounds are what the resilience pipeline accepts (e.g. breaker windows of at least 500ms).
        var ms10 = TimeSpan.FromMilliseconds(10);
        var ms500 = TimeSpan.FromMilliseconds(500);
        var hour = TimeSpan.FromHours(1);
        var day = TimeSpan.FromHours(24);
        foreach (var (key, value) in _reader.Entries(section, s))
        {
            var path = YamlValueReader.Join(s, key);
            switch (key)
            {
                case "maxAttempts": retry.MaxAttempts = _reader.Int(value, path, 1, 20); break;
                case "baseDelay": retry.BaseDelay = _reader.TimeSpan(value, path, TimeSpan.FromMilliseconds(1), hour); break;
                case "maxDelay": retry.MaxDelay = _reader.TimeSpan(value, path, TimeSpan.FromMilliseconds(1), hour); break;
                case "attemptTimeout": retry.AttemptTimeout = _reader.TimeSpan(value, path, ms10, day); break;
                case "totalTimeout": retry.TotalTimeout = _reader.TimeSpan(value, path, ms10, day); break;
                case "breakerFailureRatio": retry.BreakerFailureRatio = _reader.Ratio(value, path); break;
                case "breakerMinimumThroughput": retry.BreakerMinimumThroughput = _reader.Int(value, path, 2, 10_000); break;
                case "breakerSamplingDuration": retry.BreakerSamplingDuration = _reader.TimeSpan(value, path, ms500, day); break;
                case "breakerBreakDuration": retry.BreakerBreakDuration = _reader.TimeSpan(value, path, ms500, day); break;
            }
        }
    }

    private void BindCompliance(YamlNode section, ComplianceSettings compliance)
    {
        const string s = ConfigSchema.Compliance;
        foreach (var (key, value) in _reader.Entries(section, s))
        {
            var path = YamlValueReader.Join(s, key);
            switch (key)
            {
                case "pendingInviteDays": compliance.PendingInviteDays = _reader.Int(value, path, 1, 3650); break;
                case "expiringWithinDays": compliance.ExpiringWithinDays = _reader.Int(value, path, 1, 3650); break;
                case "forbiddenRoles": compliance.ForbiddenRoles = _reader.StringList(value, path); break;
                case "disabledRules": compliance.DisabledRules = _reader.StringList(value, path); break;
                case "alert" when !YamlValueReader.IsNull(value): BindAlert(value, path, compliance.Alert); break;
            }
        }
    }

    private void BindAlert(YamlNode section, string alertPath, AlertSettings alert)
    {
        foreach (var (key, value) in _reader.NestedEntries(section, alertPath, ConfigSchema.AlertKeys, alertPath))
        {
            var path = $"{alertPath}.{key}";
            switch (key)
            {
                case "webhookUrl":
                    alert.WebhookUrl = YamlValueReader.IsNull(value) ? null : _reader.HttpUri(value, path);
                    if (alert.WebhookUrl is { } uri && WebhookAddress.LooksSigned(uri))
                    {
                        // A signed address is a secret: refused without repeating it (config files end up in source control).
                        throw ConfigErrors.At(ErrorIds.Config.SecretInFile, ErrorKind.SecurityError, _reader.SourceName, value.Start, path,
                            "holds a signed address (sig, code or token in it), which is a secret",
                            "Put the address in an environment variable named by compliance.alert.webhookUrlVariable, or in a vault (compliance.alert.secretVault and secretName)");
                    }

                    break;
                case "webhookUrlVariable": alert.WebhookUrlVariable = _reader.String(value, path); break;
                case "secretVault": alert.SecretVault = _reader.String(value, path); break;
                case "secretName": alert.SecretName = _reader.String(value, path); break;
            }
        }
    }

    private void BindEndpoints(YamlNode section, EndpointSettings endpoints)
    {
        const string s = ConfigSchema.Endpoints;
        foreach (var (key, value) in _reader.Entries(section, s))
        {
            var path = YamlValueReader.Join(s, key);
            var uri = YamlValueReader.IsNull(value) ? null : _reader.HttpUri(value, path);
            switch (key)
            {
                case "graph": endpoints.Graph = uri; break;
                case "partnerCenter": endpoints.PartnerCenter = uri; break;
                case "login": endpoints.Login = uri; break;
            }
        }
    }

    /// <summary>A tenant id (GUID); an MPN id here is named as belonging in <paramref name="mpnKey"/>.</summary>
    private string TenantIdKey(YamlNode value, string path, string mpnKey, string allowed)
    {
        var text = _reader.String(value, path);
        if (PartnerIdentityRules.PartnerIdProblem(text?.Trim()) is null)
        {
            throw ConfigErrors.InvalidValue(_reader.SourceName, value.Start, path,
                $"holds '{PartnerIdentityRules.Shorten(text!)}', which looks like an MPN id (digits); MPN ids go in {mpnKey}", allowed);
        }

        var problem = PartnerIdentityRules.TenantIdProblem(text, out var normalized);
        return problem is null ? normalized : throw ConfigErrors.InvalidValue(_reader.SourceName, value.Start, path, problem, allowed);
    }

    /// <summary>An MPN id (digits); a GUID here is named as belonging in <paramref name="tenantKey"/>.</summary>
    private string MpnIdKey(YamlNode value, string path, string tenantKey, string allowed)
    {
        var text = _reader.String(value, path)?.Trim();
        if (System.Guid.TryParse(text, out _))
        {
            throw ConfigErrors.InvalidValue(_reader.SourceName, value.Start, path,
                $"holds a GUID, which is a tenant id; tenant ids go in {tenantKey}", allowed);
        }

        var problem = PartnerIdentityRules.PartnerIdProblem(text);
        return problem is null ? text! : throw ConfigErrors.InvalidValue(_reader.SourceName, value.Start, path, problem, allowed);
    }

    private string Checked(YamlNode value, string path, Func<string?, string?> rule, string allowed)
    {
        var text = _reader.String(value, path);
        var problem = rule(text);
        return problem is null ? text! : throw ConfigErrors.InvalidValue(_reader.SourceName, value.Start, path, problem, allowed);
    }

    private string? OptionalGuid(YamlNode value, string path) =>
        YamlValueReader.IsNull(value) ? null : _reader.Guid(value, path, GuidAllowed);

    private string? OptionalThumbprint(YamlNode value, string path) =>
        YamlValueReader.IsNull(value) ? null : _reader.Thumbprint(value, path);

    private string? OptionalPath(YamlNode value, string path)
    {
        var text = _reader.String(value, path);
        if (text is null || text.Trim().Length == 0)
        {
            // "path:" with nothing leaves the default; an empty quoted value ('' or "  ") was written on purpose and
            // names no file: using the default store (or no template) instead would surprise whoever wrote it.
            return YamlValueReader.IsNull(value)
                ? null
                : throw ConfigErrors.InvalidValue(_reader.SourceName, value.Start, path, "is empty",
                    "Give a file path, or remove the line (or leave the value out, as 'key:') to use the default");
        }

        return _paths.Expand(text) ?? throw ConfigErrors.InvalidValue(_reader.SourceName, value.Start, path,
            "is not a valid path", "Use a file path; ~ and environment variables are expanded, relative paths start at the configuration file's folder");
    }
}
