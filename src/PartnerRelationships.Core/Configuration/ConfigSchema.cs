using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// The keys the YAML file may hold, in their canonical camelCase spelling and document order. The loader
/// matches keys case-insensitively against these; the scaffolder's tests check it renders every one.
/// </summary>
internal static class ConfigSchema
{
    public const string Partner = "partner";
    public const string Cloud = "cloud";
    public const string Auth = "auth";
    public const string Store = "store";
    public const string Invites = "invites";
    public const string Retry = "retry";
    public const string Compliance = "compliance";
    public const string Endpoints = "endpoints";
    public const string Templates = "templates";

    /// <summary>Top-level keys; all but <see cref="Cloud"/> and <see cref="Templates"/> (a list) are sections.</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys =
        new[] { Partner, Cloud, Auth, Store, Invites, Retry, Compliance, Endpoints, Templates };

    /// <summary>The keys of one template under templates:.</summary>
    public static readonly IReadOnlyList<string> TemplateKeys =
        new[] { "name", "roles", "duration", "autoExtend", "displayNamePrefix", "groups" };

    /// <summary>The keys of one group of a template.</summary>
    public static readonly IReadOnlyList<string> TemplateGroupKeys = new[] { "id", "name", "roles" };

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> SectionKeys =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            [Partner] = new[] { "tenantId", "mpnId", "name", "indirectResellerTenantId", "indirectResellerMpnId" },
            [Auth] = new[]
            {
                "mode", "clientId", "tenantId", "clientSecretVariable", "secretVault", "secretName",
                "certificateThumbprint", "certificatePath", "managedIdentityClientId", "accessTokenVariable",
                "refreshTokenVariable", "refreshTokenVault", "refreshTokenName",
            },
            [Store] = new[] { "provider", "path", "connectionStringVariable", "secretVault", "secretName" },
            [Invites] = new[] { "templatePath", "subject", "roles", "duration", "autoExtend", "displayNamePrefix", "requestDelegatedAdmin", "showMpnIdInLink" },
            [Retry] = new[]
            {
                "maxAttempts", "baseDelay", "maxDelay", "attemptTimeout", "totalTimeout", "breakerFailureRatio",
                "breakerMinimumThroughput", "breakerSamplingDuration", "breakerBreakDuration",
            },
            [Compliance] = new[] { "pendingInviteDays", "expiringWithinDays", "forbiddenRoles", "disabledRules", "alert" },
            [Endpoints] = new[] { "graph", "partnerCenter", "login" },
        };

    /// <summary>Keys of compliance.alert.</summary>
    public static IReadOnlyList<string> AlertKeys { get; } = new[] { "webhookUrl", "webhookUrlVariable", "secretVault", "secretName" };

    /// <summary>
    /// Keys of earlier versions, with what replaced them: partner.partnerId held the MPN id although the reseller link's
    /// partnerId is the tenant GUID, and partner.indirectResellerId was one id where the link needs two.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ReplacedKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["partner.partnerId"] = "was renamed partner.mpnId (your MPN id, digits); the reseller link's partnerId is partner.tenantId (your tenant GUID)",
        ["partner.indirectResellerId"] = "was replaced by partner.indirectResellerTenantId (the reseller's tenant GUID) and partner.indirectResellerMpnId (its MPN id, digits)",
    };

    /// <summary>The allowed keys at a level: top-level keys when <paramref name="section"/> is null.</summary>
    public static IReadOnlyList<string> KeysOf(string? section) => section is null ? TopLevelKeys : SectionKeys[section];

    /// <summary>The canonical spelling of <paramref name="key"/> at that level, or null when it is not known there.</summary>
    public static string? Canonical(string? section, string key) =>
        KeysOf(section).FirstOrDefault(known => string.Equals(known, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sections (other than <paramref name="except"/>) that know <paramref name="key"/>, for "belongs under" hints.</summary>
    public static IEnumerable<string> SectionsKnowing(string key, string? except) =>
        SectionKeys.Where(pair => !string.Equals(pair.Key, except, StringComparison.OrdinalIgnoreCase)
                                  && pair.Value.Any(known => string.Equals(known, key, StringComparison.OrdinalIgnoreCase)))
            .Select(pair => pair.Key);
}
