using System;
using System.Globalization;
using System.IO;
using System.Text;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Configuration;

/// <summary>Writes a commented starter configuration that lists every key with its default.</summary>
public static class ConfigScaffolder
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The starter YAML for a partner. Inputs follow the loader's rules (so the result always loads back to the
    /// same values); a bad one throws ConfigInvalidValue naming the parameter.
    /// </summary>
    public static string Render(string partnerTenantId, string? mpnId, string partnerName, string? indirectResellerTenantId = null, string? indirectResellerMpnId = null)
    {
        var tenantProblem = PartnerIdentityRules.TenantIdProblem(partnerTenantId, out var tenantId);
        Check("PartnerTenantId", tenantProblem, PartnerIdentityRules.TenantIdAllowed, partnerTenantId);
        if (mpnId is not null)
        {
            Check("MpnId", Guid.TryParse(mpnId, out _) ? $"is a GUID (a tenant id; yours goes in -{ParameterNames.PartnerTenantId})" : PartnerIdentityRules.PartnerIdProblem(mpnId),
                PartnerIdentityRules.PartnerIdAllowed, mpnId);
        }

        Check("PartnerName", PartnerIdentityRules.NameProblem(partnerName), PartnerIdentityRules.NameAllowed, partnerName);
        string? resellerTenant = null;
        if (indirectResellerTenantId is not null || indirectResellerMpnId is not null)
        {
            Check("IndirectResellerTenantId", indirectResellerTenantId is null ? $"is required with -{ParameterNames.IndirectResellerMpnId}" : PartnerIdentityRules.TenantIdProblem(indirectResellerTenantId, out resellerTenant),
                PartnerIdentityRules.ResellerTenantIdAllowed, indirectResellerTenantId ?? "");
            Check("IndirectResellerMpnId", indirectResellerMpnId is null ? $"is required with -{ParameterNames.IndirectResellerTenantId}" : PartnerIdentityRules.PartnerIdProblem(indirectResellerMpnId),
                PartnerIdentityRules.ResellerMpnIdAllowed, indirectResellerMpnId ?? "");
            Check("IndirectResellerTenantId", string.Equals(resellerTenant, tenantId, StringComparison.OrdinalIgnoreCase) ? $"is your own tenant id (-{ParameterNames.PartnerTenantId})" : null,
                PartnerIdentityRules.ResellerTenantIdAllowed, indirectResellerTenantId!);
        }

        return new StarterTemplate(new PartnerRelationshipsConfig()).Render(tenantId, mpnId, partnerName, resellerTenant, indirectResellerMpnId);
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/>, creating missing folders. Replacing an existing file
    /// needs <paramref name="force"/>. The write goes to a temporary file in the same folder first and is then moved
    /// into place, so a crash never leaves a half-written configuration.
    /// </summary>
    public static void Write(string path, string text, bool force)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw NotWritable(path, "is not a valid file path", e, ErrorKind.WriteError);
        }

        if (Directory.Exists(fullPath))
        {
            throw NotWritable(fullPath, "is a folder", null, ErrorKind.WriteError);
        }

        if (File.Exists(fullPath) && !force)
        {
            throw Exists(fullPath, null);
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(temporary, text, Utf8NoBom);
            MoveIntoPlace(temporary, fullPath, force);
        }
        catch (UnauthorizedAccessException e)
        {
            throw NotWritable(fullPath, "cannot be written: access is denied", e, ErrorKind.PermissionDenied);
        }
        catch (System.Security.SecurityException e)
        {
            throw NotWritable(fullPath, "cannot be written: access is denied", e, ErrorKind.PermissionDenied);
        }
        catch (IOException e) when (!force && File.Exists(fullPath))
        {
            // Someone else created it between the check and the move.
            throw Exists(fullPath, e);
        }
        catch (IOException e)
        {
            throw NotWritable(fullPath, $"cannot be written: {e.Message}", e, ErrorKind.WriteError);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void MoveIntoPlace(string temporary, string target, bool overwrite)
    {
        if (overwrite && File.Exists(target))
        {
            // Replace swaps the file in one step on both Windows and Unix.
            File.Replace(temporary, target, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, target);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless; the real error (if any) is already on its way.
        }
    }

    private static void Check(string parameter, string? problem, string allowed, string? value)
    {
        if (problem is not null)
        {
            throw new PartnerRelationshipsException(ErrorIds.Config.InvalidValue, ErrorKind.InvalidArgument,
                $"-{parameter} {problem}. {allowed}.", value);
        }
    }

    private static PartnerRelationshipsException Exists(string path, Exception? inner) =>
        new(ErrorIds.Config.FileExists, ErrorKind.ResourceExists,
            $"The configuration file '{path}' already exists. Use -{ParameterNames.Force} to replace it, or choose another -{ParameterNames.Path}.", path, inner);

    private static PartnerRelationshipsException NotWritable(string path, string problem, Exception? inner, ErrorKind kind) =>
        new(ErrorIds.Config.PathNotWritable, kind,
            $"The configuration path '{path}' {problem}. Choose a -{ParameterNames.Path} in a folder you can write to.", path, inner);

    /// <summary>The starter file's text; defaults come from the model so the two never drift apart.</summary>
    private sealed class StarterTemplate
    {
        private readonly PartnerRelationshipsConfig _defaults;
        private readonly StringBuilder _text = new();

        public StarterTemplate(PartnerRelationshipsConfig defaults) => _defaults = defaults;

        public string Render(string tenantId, string? mpnId, string partnerName, string? indirectResellerTenantId, string? indirectResellerMpnId)
        {
            var retry = _defaults.Retry;
            var compliance = _defaults.Compliance;
            var invites = _defaults.Invites;

            Comment($"PartnerRelationships configuration, written by {CommandNames.NewPartnerRelationshipConfig}.");
            Comment("Keys are camelCase (matched case-insensitively). A line starting with '#' is a comment; a commented");
            Comment("key shows its built-in default or an example: remove the '#' to set it. Unknown keys are errors.");
            Comment($"Check the file with {CommandNames.GetPartnerRelationshipConfig}; errors name the line and column.");
            Comment("");
            Comment("SECRETS NEVER GO IN THIS FILE. It is refused if it holds clientSecret, secret, password, accessToken,");
            Comment("certificatePassword or connectionString. Reference secrets instead, and keep them where they belong:");
            Comment("  - an environment variable, by NAME:  auth.clientSecretVariable, auth.accessTokenVariable,");
            Comment("                                      store.connectionStringVariable");
            Comment("  - a SecretManagement vault:         auth.secretVault + auth.secretName (client secret),");
            Comment("                                      store.secretVault + store.secretName (connection string)");
            Comment("  - a certificate:                    auth.certificateThumbprint (certificate store) or auth.certificatePath");
            Blank();

            Comment("Who you are. Required whenever this section is present.");
            Line("partner:");
            Comment("Two different ids identify you; each has its place in the reseller invitation link:", 1);
            Comment("Your partner (Entra) tenant id, a GUID: the link's partnerId.", 1);
            Line($"  tenantId: {Quote(tenantId)}");
            Comment("Your Partner Center (MPN) id, digits only: the link's msppId only when invites.showMpnIdInLink is", 1);
            Comment("true (otherwise msppId=0). Also the {PartnerId} placeholder of drafts.", 1);
            Line(mpnId is null ? "  # mpnId: '1234567'" : $"  mpnId: {Quote(mpnId)}");
            Comment("Your company name as customers know it; used in invitation drafts.", 1);
            Line($"  name: {Quote(partnerName)}");
            Comment("Indirect providers inviting on behalf of one of their indirect resellers (both or neither):", 1);
            Comment("the reseller's tenant id (GUID) becomes the link's partnerId, its MPN id (digits) the msppId,", 1);
            Comment("and your tenantId above the indirectCSPId.", 1);
            Line(indirectResellerTenantId is null ? "  # indirectResellerTenantId: 7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b" : $"  indirectResellerTenantId: {Quote(indirectResellerTenantId)}");
            Line(indirectResellerMpnId is null ? "  # indirectResellerMpnId: '7654321'" : $"  indirectResellerMpnId: {Quote(indirectResellerMpnId)}");
            Blank();

            Comment("The Microsoft cloud: Global, USGovernment, USGovernmentDoD or China.");
            Line($"# cloud: {_defaults.Cloud}");
            Blank();

            Comment("How to sign in. Values in this section are optional unless the chosen mode needs them.");
            Line("auth:");
            Comment("Interactive, DeviceCode, ClientSecret, Certificate, ManagedIdentity, AccessToken or RefreshToken.", 1);
            Comment("ClientSecret needs clientId and clientSecretVariable (or secretVault + secretName);", 1);
            Comment("Certificate needs clientId and certificateThumbprint (or certificatePath).", 1);
            Line($"  # mode: {_defaults.Auth.Mode}");
            Comment("The app registration's client id (GUID).", 1);
            Line("  # clientId: 11111111-2222-3333-4444-555555555555");
            Comment("The tenant to sign in to (GUID); defaults to partner.tenantId.", 1);
            Line($"  # tenantId: {tenantId}");
            Comment("The NAME of the environment variable holding the client secret - never the secret itself.", 1);
            Line("  # clientSecretVariable: PARTNERRELATIONSHIPS_CLIENT_SECRET");
            Comment("Or a SecretManagement vault and the name of the secret in it.", 1);
            Line("  # secretVault: PartnerVault");
            Line("  # secretName: PartnerRelationshipsClientSecret");
            Comment("Certificate sign-in: a thumbprint in the certificate store (40 or 64 hex characters) or a file.", 1);
            Comment("A certificate file's password is never stored here; prefer the certificate store.", 1);
            Line("  # certificateThumbprint: 0123456789ABCDEF0123456789ABCDEF01234567");
            Line("  # certificatePath: ~/certs/partner-relationships.pfx");
            Comment("For ManagedIdentity, a user-assigned identity's client id (GUID); leave out for system-assigned.", 1);
            Line("  # managedIdentityClientId: 22222222-3333-4444-5555-666666666666");
            Comment("For AccessToken, the NAME of the environment variable holding a ready access token.", 1);
            Line("  # accessTokenVariable: PARTNERRELATIONSHIPS_ACCESS_TOKEN");
            Comment("For RefreshToken (a partner admin's sign-in for runbooks, needed by reseller links, removals and", 1);
            Comment($"support contacts): the vault and secret {CommandNames.NewPartnerRelationshipRefreshToken} wrote, or a variable's NAME.", 1);
            Line("  # refreshTokenVault: PartnerVault");
            Line("  # refreshTokenName: PartnerRelationshipsRefreshToken");
            Line("  # refreshTokenVariable: PARTNERRELATIONSHIPS_REFRESH_TOKEN");
            Blank();

            Comment("Where invitations are recorded.");
            Line("store:");
            Comment("Sqlite (a local file) or Postgres (shared by a team).", 1);
            Line($"  # provider: {_defaults.Store.Provider}");
            Comment("Sqlite file. Default: a file in your user data folder. ~ and environment variables ($HOME, %APPDATA%)", 1);
            Comment("are expanded; a relative path starts at this file's folder.", 1);
            Line("  # path: partner-relationships.db");
            Comment("For Postgres, the NAME of the environment variable holding the connection string...", 1);
            Line("  # connectionStringVariable: PARTNERRELATIONSHIPS_POSTGRES");
            Comment("...or a SecretManagement vault and secret holding it.", 1);
            Line("  # secretVault: PartnerVault");
            Line("  # secretName: PartnerRelationshipsPostgres");
            Blank();

            Comment("Invitation drafts and granular (GDAP) relationship defaults.");
            Line("invites:");
            Comment("A template file for the draft: first line 'Subject: ...', a blank line, then the body. Default: built in.", 1);
            Comment("Like every path here, ~ and environment variables are expanded; relative starts at this file's folder.", 1);
            Line("  # templatePath: invite-template.txt");
            Comment("Replaces the draft's subject line; may use the same placeholders as the template.", 1);
            Line("  # subject: 'Invitation from Fabrikam'");
            Comment("Default roles for granular relationships (built-in role names or ids), a list such as:", 1);
            Comment("  roles:", 1);
            Comment("    - Directory Readers", 1);
            Line($"  # roles: {List(invites.Roles)}");
            Comment("How long granular relationships last: ISO 8601 days, P1D to P730D.", 1);
            Line($"  # duration: {invites.Duration}");
            Comment("Renew granular relationships automatically (by 180 days) when they end: true or false.", 1);
            Line($"  # autoExtend: {Bool(invites.AutoExtend)}");
            Comment("Put before generated relationship display names.", 1);
            Line($"  # displayNamePrefix: {Quote(invites.DisplayNamePrefix)}");
            Comment("DAP=true in the reseller link also asks the customer for legacy full admin (Global Administrator).", 1);
            Comment("Least privilege says no: leave false and use granular relationships. true only as a deliberate choice.", 1);
            Line($"  # requestDelegatedAdmin: {Bool(invites.RequestDelegatedAdmin)}");
            Comment("Show partner.mpnId in the reseller link's msppId instead of 0: true or false.", 1);
            Line($"  # showMpnIdInLink: {Bool(invites.ShowMpnIdInLink)}");
            Blank();

            Comment("Retries and circuit breaker for calls to Microsoft services. Time spans are a number with a unit");
            Comment("(500ms, 30s, 5m, 1h) or hh:mm:ss.");
            Line("retry:");
            Comment("Tries per call, first one included: 1 to 20.", 1);
            Line($"  # maxAttempts: {retry.MaxAttempts.ToString(CultureInfo.InvariantCulture)}");
            Comment("Back-off before the first retry (it grows, with jitter, up to maxDelay).", 1);
            Line($"  # baseDelay: {Span(retry.BaseDelay)}");
            Line($"  # maxDelay: {Span(retry.MaxDelay)}");
            Comment("Limit for one try (10ms to 24h) and for a call with all its retries (at least attemptTimeout).", 1);
            Line($"  # attemptTimeout: {Span(retry.AttemptTimeout)}");
            Line($"  # totalTimeout: {Span(retry.TotalTimeout)}");
            Comment("Stop calling for breakerBreakDuration when this share of calls (0 < ratio <= 1) fails within", 1);
            Comment("breakerSamplingDuration, once at least breakerMinimumThroughput (2 or more) calls were made.", 1);
            Line($"  # breakerFailureRatio: {retry.BreakerFailureRatio.ToString(CultureInfo.InvariantCulture)}");
            Line($"  # breakerMinimumThroughput: {retry.BreakerMinimumThroughput.ToString(CultureInfo.InvariantCulture)}");
            Line($"  # breakerSamplingDuration: {Span(retry.BreakerSamplingDuration)}");
            Line($"  # breakerBreakDuration: {Span(retry.BreakerBreakDuration)}");
            Blank();

            Comment("Compliance checks.");
            Line("compliance:");
            Comment("Flag invitations still pending after this many days (1 or more).", 1);
            Line($"  # pendingInviteDays: {compliance.PendingInviteDays.ToString(CultureInfo.InvariantCulture)}");
            Comment("Flag relationships that end within this many days (1 or more).", 1);
            Line($"  # expiringWithinDays: {compliance.ExpiringWithinDays.ToString(CultureInfo.InvariantCulture)}");
            Comment("Roles (names or ids) that count as over-privileged besides Global Administrator, a list such as:", 1);
            Comment("  forbiddenRoles:", 1);
            Comment("    - Privileged Role Administrator", 1);
            Line($"  # forbiddenRoles: {List(compliance.ForbiddenRoles)}");
            Comment("Rule ids to switch off.", 1);
            Line($"  # disabledRules: {List(compliance.DisabledRules)}");
            Comment($"Where {CommandNames.TestPartnerCompliance} -{ParameterNames.Alert} posts the news (a Teams workflow or any endpoint taking JSON). The", 1);
            Comment("address is a secret (it carries a signature): name the environment variable or vault secret holding it.", 1);
            Line("  # alert:");
            Line("  #   webhookUrlVariable: PARTNERRELATIONSHIPS_ALERT_WEBHOOK");
            Line("  #   secretVault: MyVault");
            Line("  #   secretName: ComplianceWebhook");
            Blank();

            Comment("Service addresses, only to reach a sandbox or a proxy; absolute http(s) URLs. Default: the cloud's own.");
            Line("endpoints:");
            Line("  # graph: https://graph.microsoft.com");
            Line("  # partnerCenter: https://api.partnercenter.microsoft.com");
            Line("  # login: https://login.microsoftonline.com");
            Blank();

            Comment($"Access templates. A template names the roles a granular invite requests ({CommandNames.NewResellerInvite} -{ParameterNames.Template}");
            Comment("Support) and, for each of your security groups, the roles it gets once the customer accepts: the sync");
            Comment("that sees the acceptance creates those access assignments. Roles are built-in role names or ids; a group's");
            Comment("roles must be among the template's; group ids are object ids (GUIDs) of groups in your partner tenant.");
            Comment("duration, autoExtend and displayNamePrefix are optional (default: the invites section); Global Administrator");
            Comment("can't auto-extend. Remove the '#' from every line below to use the example.");
            Line("# templates:");
            Line("#   - name: Support");
            Line("#     roles:");
            Line("#       - Helpdesk Administrator");
            Line("#       - Directory Readers");
            Line("#       - User Administrator");
            Line("#     duration: P730D");
            Line("#     autoExtend: true");
            Line("#     displayNamePrefix: 'Support '");
            Line("#     groups:");
            Line("#       - id: 11111111-2222-3333-4444-555555555555");
            Line("#         name: Helpdesk agents");
            Line("#         roles:");
            Line("#           - Helpdesk Administrator");
            Line("#           - Directory Readers");
            Line("#       - id: 22222222-3333-4444-5555-666666666666");
            Line("#         name: Account managers");
            Line("#         roles:");
            Line("#           - User Administrator");
            return _text.ToString();
        }

        private void Comment(string text, int indent = 0) =>
            Line(new string(' ', indent * 2) + (text.Length == 0 ? "#" : "# " + text));

        private void Line(string text) => _text.Append(text).Append('\n');

        private void Blank() => _text.Append('\n');

        /// <summary>A flow list on one line, so a default stays a single commented line.</summary>
        private static string List(System.Collections.Generic.IEnumerable<string> items) =>
            "[" + string.Join(", ", System.Linq.Enumerable.Select(items, Quote)) + "]";

        private static string Bool(bool value) => value ? "true" : "false";

        private static string Span(TimeSpan value) => ConfigTimeSpanText.Format(value);
    }

    /// <summary>A YAML single-quoted string: nothing inside is special except the quote, which is doubled.</summary>
    internal static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
}
