using System;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.PowerShell.Infrastructure;

namespace PartnerRelationships.PowerShell.Cmdlets;

/// <summary>
/// Signs in to Microsoft Graph and Partner Center (or the sandbox) for this session, checks the sign-in with one
/// cheap call, and keeps the connection for the module's other cmdlets. Without sign-in parameters it follows the
/// configuration's auth section (Interactive when there is none).
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "PartnerRelationship", DefaultParameterSetName = InteractiveSet)]
[OutputType(typeof(PartnerConnectionInfo))]
public sealed class ConnectPartnerRelationshipCommand : ConfiguredCmdlet
{
    private const string InteractiveSet = "Interactive";
    private const string DeviceCodeSet = "DeviceCode";
    private const string ClientSecretSet = "ClientSecret";
    private const string ClientSecretVariableSet = "ClientSecretVariable";
    private const string SecretVaultSet = "SecretVault";
    private const string CertificateThumbprintSet = "CertificateThumbprint";
    private const string CertificatePathSet = "CertificatePath";
    private const string ManagedIdentitySet = "ManagedIdentity";
    private const string AccessTokenSet = "AccessToken";
    private const string AccessTokenVariableSet = "AccessTokenVariable";
    private const string RefreshTokenVaultSet = "RefreshTokenVault";
    private const string RefreshTokenVariableSet = "RefreshTokenVariable";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("ApplicationId", "AppId")]
    public string? ClientId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("Tenant")]
    public string? TenantId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    public SwitchParameter UseDeviceCode { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    public SecureString? ClientSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretVariableSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientSecretVariable { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SecretVaultSet)]
    [ValidateNotNullOrEmpty]
    public string? SecretVault { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SecretVaultSet)]
    [ValidateNotNullOrEmpty]
    public string? SecretName { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    [Parameter(ParameterSetName = CertificatePathSet)]
    public SecureString? CertificatePassword { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ManagedIdentitySet)]
    public SwitchParameter ManagedIdentity { get; set; }

    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [ValidateNotNullOrEmpty]
    public string? ManagedIdentityClientId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    public SecureString? AccessToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenVariableSet)]
    [ValidateNotNullOrEmpty]
    public string? AccessTokenVariable { get; set; }

    /// <summary>The SecretManagement vault holding a partner admin's refresh token (New-PartnerRelationshipRefreshToken).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenVaultSet)]
    [ValidateNotNullOrEmpty]
    public string? RefreshTokenVault { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenVaultSet)]
    [ValidateNotNullOrEmpty]
    public string? RefreshTokenName { get; set; }

    /// <summary>The environment variable holding a partner admin's refresh token.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenVariableSet)]
    [ValidateNotNullOrEmpty]
    public string? RefreshTokenVariable { get; set; }

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
            var auth = EffectiveAuth(config.Auth);
            var effective = new PartnerRelationshipsConfig
            {
                SourcePath = config.SourcePath,
                Partner = config.Partner,
                Cloud = Environment ?? config.Cloud,
                Auth = auth,
                Store = config.Store,
                Invites = config.Invites,
                Retry = config.Retry,
                Compliance = config.Compliance,
                Endpoints = config.Endpoints,
            };

            // Credentials are built here, on the pipeline thread: a vault secret is read by running Get-Secret.
            var secrets = SecretSources.Chain(
                new GivenSecretSource(ClientSecret, AccessToken, CertificatePassword),
                new EnvironmentSecretSource(),
                SecretManagementVault.For(this));
            var credentialOptions = new CredentialOptions
            {
                DeviceCodeCallback = (message, _) =>
                {
                    QueueWarning(message);
                    return Task.CompletedTask;
                },
            };
            var connectionOptions = new PartnerConnectionOptions { TimeProvider = Clock };
            SignInOptions.Apply(auth, credentialOptions, connectionOptions);
            var connection = PartnerConnection.Create(effective, secrets, SandboxUri, connectionOptions, credentialOptions);
            var observer = new CmdletRemoteCallObserver(this, ConnectedCmdlet.DebugRequested(this));
            try
            {
                connection.Observer = observer;
                WriteVerbose($"Signing in ({auth.Mode}) at {connection.Endpoints.Login}; checking with a call to {(connection.Endpoints.SupportsGranularAdmin ? connection.Endpoints.Graph : connection.Endpoints.PartnerCenter)}.");
                var check = Await(token => ConnectionCheck.VerifyAsync(connection, token));
                if (check.Warning is not null)
                {
                    WriteWarning(check.Warning);
                }

                var info = PartnerConnectionInfo.Describe(connection.Endpoints, auth, config.Partner.TenantId, Clock.GetUtcNow(), check.Claims);
                observer.Close();
                connection.Observer = null;
                SessionConnection.Set(new SessionConnection.Entry(connection, info, config.SourcePath));
                WriteObject(info);
            }
            catch
            {
                observer.Close();
                connection.Dispose();
                throw;
            }
        });
    }

    /// <summary>The configuration's Auth section with what the parameters say on top (the file itself is untouched).</summary>
    private AuthSettings EffectiveAuth(AuthSettings configured)
    {
        var auth = new AuthSettings
        {
            Mode = configured.Mode,
            ClientId = ClientId ?? configured.ClientId,
            TenantId = TenantId ?? configured.TenantId,
            ClientSecretVariable = configured.ClientSecretVariable,
            SecretVault = configured.SecretVault,
            SecretName = configured.SecretName,
            CertificateThumbprint = configured.CertificateThumbprint,
            CertificatePath = configured.CertificatePath,
            ManagedIdentityClientId = configured.ManagedIdentityClientId,
            AccessTokenVariable = configured.AccessTokenVariable,
            RefreshTokenVariable = configured.RefreshTokenVariable,
            RefreshTokenVault = configured.RefreshTokenVault,
            RefreshTokenName = configured.RefreshTokenName,
        };

        switch (ParameterSetName)
        {
            case DeviceCodeSet:
                auth.Mode = AuthMode.DeviceCode;
                break;
            case ClientSecretSet:
                auth.Mode = AuthMode.ClientSecret;
                break;
            case ClientSecretVariableSet:
                auth.Mode = AuthMode.ClientSecret;
                auth.ClientSecretVariable = ClientSecretVariable;
                break;
            case SecretVaultSet:
                auth.Mode = AuthMode.ClientSecret;
                auth.ClientSecretVariable = null; // The vault named here, not a variable from the file.
                auth.SecretVault = SecretVault;
                auth.SecretName = SecretName;
                break;
            case CertificateThumbprintSet:
                auth.Mode = AuthMode.Certificate;
                auth.CertificateThumbprint = CertificateThumbprint;
                auth.CertificatePath = null;
                break;
            case CertificatePathSet:
                auth.Mode = AuthMode.Certificate;
                auth.CertificateThumbprint = null;
                auth.CertificatePath = GetUnresolvedProviderPathFromPSPath(CertificatePath);
                break;
            case ManagedIdentitySet:
                auth.Mode = AuthMode.ManagedIdentity;
                auth.ManagedIdentityClientId = ManagedIdentityClientId ?? configured.ManagedIdentityClientId;
                break;
            case AccessTokenSet:
                auth.Mode = AuthMode.AccessToken;
                break;
            case AccessTokenVariableSet:
                auth.Mode = AuthMode.AccessToken;
                auth.AccessTokenVariable = AccessTokenVariable;
                break;
            case RefreshTokenVaultSet:
                auth.Mode = AuthMode.RefreshToken;
                auth.RefreshTokenVariable = null;
                auth.RefreshTokenVault = RefreshTokenVault;
                auth.RefreshTokenName = RefreshTokenName;
                break;
            case RefreshTokenVariableSet:
                auth.Mode = AuthMode.RefreshToken;
                auth.RefreshTokenVault = null;
                auth.RefreshTokenName = null;
                auth.RefreshTokenVariable = RefreshTokenVariable;
                break;
        }

        return auth;
    }
}
