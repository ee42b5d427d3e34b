using System;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// The one-time, interactive consent of Microsoft's Secure Application Model: a partner admin signs in (device code,
/// MFA included) for the app, and the refresh token that yields is written to a SecretManagement vault, where
/// runbooks configured with auth.mode RefreshToken read it (and write back its rotations). Never outputs the token.
/// </summary>
[Cmdlet(VerbsCommon.New, "PartnerRelationshipRefreshToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RefreshTokenInfo))]
public sealed class NewPartnerRelationshipRefreshTokenCommand : ConfiguredCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("ApplicationId", "AppId")]
    public string? ClientId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Tenant")]
    public string? TenantId { get; set; }

    /// <summary>The vault to write the refresh token to (auth.refreshTokenVault by default).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RefreshTokenVault { get; set; }

    /// <summary>The secret name to write it as (auth.refreshTokenName by default).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RefreshTokenName { get; set; }

    /// <summary>The app's client secret, when the app (a web app) must authenticate itself too.</summary>
    [Parameter]
    public SecureString? ClientSecret { get; set; }

    [Parameter]
    public CloudEnvironment? Environment { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Uri? SandboxUri { get; set; }

    protected override void ProcessRecord()
    {
        TryOrTerminate(() =>
        {
            var config = Config;
            var auth = config.Auth;
            var clientId = ClientId ?? auth.ClientId ?? throw Missing(ErrorIds.SignIn.MissingClientId, "No app: pass -ClientId or set auth.clientId (the app runbooks will use the refresh token with).", "ClientId");
            var tenantId = TenantId ?? auth.TenantId ?? (string.IsNullOrWhiteSpace(config.Partner.TenantId) ? null : config.Partner.TenantId)
                ?? throw Missing(ErrorIds.SignIn.MissingTenantId, "No tenant: pass -TenantId (the partner tenant) or set partner.tenantId.", "TenantId");
            var vault = RefreshTokenVault ?? auth.RefreshTokenVault ?? throw Missing(ErrorIds.SignIn.MissingRefreshTokenVault, "No vault to store the refresh token in: pass -RefreshTokenVault or set auth.refreshTokenVault.", "RefreshTokenVault");
            var name = RefreshTokenName ?? auth.RefreshTokenName ?? throw Missing(ErrorIds.SignIn.MissingRefreshTokenName, "No secret name for the refresh token: pass -RefreshTokenName or set auth.refreshTokenName.", "RefreshTokenName");

            if (!ShouldProcess($"secret '{name}' in the vault '{vault}'", "Sign in as a partner admin and store the refresh token"))
            {
                return;
            }

            var endpoints = CloudEndpoints.Resolve(Environment ?? config.Cloud, config.Endpoints, SandboxUri);
            var pinned = LoopbackCertificatePinning.FromEnvironment();
            var secret = new GivenSecretSource(clientSecret: ClientSecret).GetSecret(SecretKind.ClientSecret, auth)
                ?? new EnvironmentSecretSource().GetSecret(SecretKind.ClientSecret, auth);
            var result = Await(token => RefreshTokenConsent.RunAsync(
                endpoints.Login,
                tenantId,
                clientId,
                secret,
                endpoints.PartnerCenterScope,
                (message, _) =>
                {
                    QueueWarning(message);
                    return Task.CompletedTask;
                },
                config.Retry,
                Clock,
                pinned is null ? null : LoopbackCertificatePinning.CreateHandler(pinned),
                token));

            // On the pipeline thread, before anything is written out: the token goes to the vault only.
            SecretManagementVault.Store(vault, name, result.RefreshToken);
            WriteVerbose($"Stored the refresh token of {result.Claims?.Account ?? "the signed-in user"} as '{name}' in the vault '{vault}'.");
            WriteObject(new RefreshTokenInfo
            {
                RefreshTokenVault = vault,
                RefreshTokenName = name,
                Account = result.Claims?.Account,
                TenantId = result.Claims?.TenantId ?? tenantId,
                ClientId = clientId,
                CreatedAt = Clock.GetUtcNow(),
            });
        });
    }

    private static PartnerRelationshipsException Missing(string errorId, string message, string target) => new(errorId, ErrorKind.InvalidArgument, message, target);
}
