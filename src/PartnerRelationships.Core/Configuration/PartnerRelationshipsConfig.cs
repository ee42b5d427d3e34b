using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Configuration;

/// <summary>The whole YAML configuration, as loaded and validated. Secrets never live here, only references.</summary>
public sealed class PartnerRelationshipsConfig
{
    /// <summary>The file it was loaded from, or null for defaults.</summary>
    public string? SourcePath { get; set; }

    public PartnerSettings Partner { get; set; } = new();
    public CloudEnvironment Cloud { get; set; } = CloudEnvironment.Global;
    public AuthSettings Auth { get; set; } = new();
    public StoreSettings Store { get; set; } = new();
    public InviteSettings Invites { get; set; } = new();
    public RetrySettings Retry { get; set; } = new();
    public ComplianceSettings Compliance { get; set; } = new();

    /// <summary>Access templates (templates:), in file order.</summary>
    public List<AccessTemplateSettings> Templates { get; set; } = new();

    /// <summary>Overrides of the service base addresses (the sandbox, a proxy). Null means the cloud's defaults.</summary>
    public EndpointSettings Endpoints { get; set; } = new();
}

public sealed class PartnerSettings
{
    /// <summary>The partner's Entra tenant id (GUID): the reseller link's partnerId (indirectCSPId for an indirect provider).</summary>
    public string TenantId { get; set; } = "";

    /// <summary>
    /// The partner's Partner Center / MPN id (digits); empty when not configured. Not in the reseller link unless
    /// <see cref="InviteSettings.ShowMpnIdInLink"/> asks for it (msppId). YAML key partner.mpnId (earlier versions
    /// called it partner.partnerId; the loader names the new key when it meets the old one).
    /// </summary>
    public string MpnId { get; set; } = "";

    /// <summary>The partner's display name, used in drafts.</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// An indirect provider inviting on behalf of one of its indirect resellers: that reseller's tenant id (GUID), the
    /// link's partnerId. Set together with <see cref="IndirectResellerMpnId"/>.
    /// </summary>
    public string? IndirectResellerTenantId { get; set; }

    /// <summary>That indirect reseller's MPN id (digits), the link's msppId.</summary>
    public string? IndirectResellerMpnId { get; set; }

    /// <summary>True when invites go out on behalf of an indirect reseller (the indirect-reseller link).</summary>
    public bool InvitesForIndirectReseller => !string.IsNullOrWhiteSpace(IndirectResellerTenantId);
}

public enum CloudEnvironment
{
    Global,
    USGovernment,
    USGovernmentDoD,
    China,
}

public enum AuthMode
{
    Interactive,
    DeviceCode,
    ClientSecret,
    Certificate,
    ManagedIdentity,
    AccessToken,

    /// <summary>App+User without a person: a partner admin's refresh token (Secure Application Model), from a vault or variable.</summary>
    RefreshToken,
}

public sealed class AuthSettings
{
    public AuthMode Mode { get; set; } = AuthMode.Interactive;

    /// <summary>The app registration's client id (GUID).</summary>
    public string? ClientId { get; set; }

    /// <summary>The tenant to sign in to; defaults to the partner tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>Name of the environment variable that holds the client secret (never the secret itself).</summary>
    public string? ClientSecretVariable { get; set; }

    /// <summary>SecretManagement vault and secret name holding the client secret.</summary>
    public string? SecretVault { get; set; }
    public string? SecretName { get; set; }

    public string? CertificateThumbprint { get; set; }
    public string? CertificatePath { get; set; }

    /// <summary>User-assigned managed identity client id; null for system-assigned.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Name of the environment variable holding a ready access token (AccessToken mode).</summary>
    public string? AccessTokenVariable { get; set; }

    /// <summary>RefreshToken mode: the environment variable holding the refresh token (never the token itself).</summary>
    public string? RefreshTokenVariable { get; set; }

    /// <summary>RefreshToken mode: the SecretManagement vault and secret holding the refresh token (rotations are written back).</summary>
    public string? RefreshTokenVault { get; set; }
    public string? RefreshTokenName { get; set; }
}

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

public sealed class StoreSettings
{
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>SQLite file; null means the default file in the user's data folder.</summary>
    public string? Path { get; set; }

    /// <summary>PostgreSQL: the environment variable that holds the connection string.</summary>
    public string? ConnectionStringVariable { get; set; }

    /// <summary>PostgreSQL: SecretManagement vault and secret name holding the connection string.</summary>
    public string? SecretVault { get; set; }
    public string? SecretName { get; set; }
}

public sealed class InviteSettings
{
    /// <summary>A template file for the draft (first line "Subject: …", blank line, body). Null: built-in.</summary>
    public string? TemplatePath { get; set; }

    /// <summary>Subject override; may use placeholders.</summary>
    public string? Subject { get; set; }

    /// <summary>Default roles for granular invites (built-in role names or ids).</summary>
    public List<string> Roles { get; set; } = new();

    /// <summary>ISO 8601 duration of granular relationships, P1D..P730D.</summary>
    public string Duration { get; set; } = "P730D";

    /// <summary>Turn on auto-extend (P180D) for granular relationships.</summary>
    public bool AutoExtend { get; set; }

    /// <summary>Prefix of generated relationship display names.</summary>
    public string DisplayNamePrefix { get; set; } = "";

    /// <summary>
    /// DAP=true in the reseller link: the customer is also asked for legacy full delegated admin (Global
    /// Administrator). Off by default (least privilege; use granular relationships instead).
    /// </summary>
    public bool RequestDelegatedAdmin { get; set; }

    /// <summary>Put partner.mpnId in the direct reseller link's msppId instead of 0.</summary>
    public bool ShowMpnIdInLink { get; set; }
}

public sealed class RetrySettings
{
    public int MaxAttempts { get; set; } = 6;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Open the circuit when this share of calls fails within <see cref="BreakerSamplingDuration"/>.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 20;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class ComplianceSettings
{
    public int PendingInviteDays { get; set; } = 14;
    public int ExpiringWithinDays { get; set; } = 30;

    /// <summary>Role names or ids that count as over-privileged besides Global Administrator.</summary>
    public List<string> ForbiddenRoles { get; set; } = new();

    /// <summary>Rule ids switched off.</summary>
    public List<string> DisabledRules { get; set; } = new();

    /// <summary>Where the nightly check sends news (Test-PartnerCompliance -Alert).</summary>
    public AlertSettings Alert { get; set; } = new();
}

/// <summary>
/// The alert webhook (a Microsoft Teams workflow or any HTTPS endpoint taking JSON). Its address usually holds a
/// signature and is then a secret: give it by reference (an environment variable or a SecretManagement vault).
/// </summary>
public sealed class AlertSettings
{
    /// <summary>An address without a secret in it (e.g. an internal relay).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The environment variable that holds the address.</summary>
    public string? WebhookUrlVariable { get; set; }

    public string? SecretVault { get; set; }

    public string? SecretName { get; set; }

    public bool IsConfigured => WebhookUrl is not null || !string.IsNullOrWhiteSpace(WebhookUrlVariable) || !string.IsNullOrWhiteSpace(SecretVault);

    /// <summary>Where the address comes from, for messages (never the address itself).</summary>
    public string Source =>
        !string.IsNullOrWhiteSpace(WebhookUrlVariable) ? $"compliance.alert.webhookUrlVariable ({WebhookUrlVariable})"
        : !string.IsNullOrWhiteSpace(SecretVault) ? $"compliance.alert.secretVault ({SecretVault}/{SecretName})"
        : "compliance.alert.webhookUrl";
}

public sealed class EndpointSettings
{
    public Uri? Graph { get; set; }
    public Uri? PartnerCenter { get; set; }
    public Uri? Login { get; set; }
}
