using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>Builds the Azure.Identity credential for the configured sign-in mode and cloud.</summary>
public static class CredentialFactory
{
    public static TokenCredential Create(AuthSettings auth, CloudEndpoints endpoints, ISecretSource secrets, CredentialOptions? options = null)
    {
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        if (secrets is null) throw new ArgumentNullException(nameof(secrets));
        options ??= new CredentialOptions();

        if (auth.Mode == AuthMode.AccessToken)
        {
            var token = secrets.GetSecret(SecretKind.AccessToken, auth) ?? throw Missing(
                ErrorIds.SignIn.MissingAccessToken,
                $"No access token: pass -{ParameterNames.AccessToken}, or set the environment variable named by Auth.AccessTokenVariable.",
                "Auth.AccessTokenVariable");
            return new StaticAccessTokenCredential(token, options.TimeProvider);
        }

        var tenantId = FirstNonEmpty(auth.TenantId, options.PartnerTenantId);

        if (auth.Mode == AuthMode.RefreshToken)
        {
            var refreshToken = secrets.GetSecret(SecretKind.RefreshToken, auth) ?? throw Missing(
                ErrorIds.SignIn.MissingRefreshToken,
                $"No refresh token: name the SecretManagement vault and secret {CommandNames.NewPartnerRelationshipRefreshToken} wrote it to (Auth.RefreshTokenVault, Auth.RefreshTokenName), or the environment variable that holds it (Auth.RefreshTokenVariable). Refresh tokens are never read from the configuration file.",
                "Auth.RefreshTokenVault");
            return new RefreshTokenCredential(
                endpoints.Login,
                Require(tenantId, "Auth.TenantId", ErrorIds.SignIn.MissingTenantId),
                Require(auth.ClientId, "Auth.ClientId", ErrorIds.SignIn.MissingClientId),
                refreshToken,
                secrets.GetSecret(SecretKind.ClientSecret, auth),
                RefreshTokenSource(auth),
                options.RefreshTokenRotated,
                options.TimeProvider,
                options.TokenTransport ?? options.SandboxTransport);
        }

        // MSAL refuses a plain-http authority: over http (the sandbox's default) only client secrets, done by hand.
        if (endpoints.Login.Scheme == Uri.UriSchemeHttp)
        {
            if (auth.Mode != AuthMode.ClientSecret)
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.SignIn.SandboxAuthNotSupported,
                    ErrorKind.InvalidArgument,
                    $"{auth.Mode} sign-in needs an https sign-in endpoint (MSAL refuses plain http); over http the sandbox supports ClientSecret, RefreshToken and AccessToken. Start the sandbox with --https-url and use that address.",
                    "Auth.Mode");
            }

            return new SandboxClientCredential(endpoints.Login, Require(tenantId, "Auth.TenantId", ErrorIds.SignIn.MissingTenantId), Require(auth.ClientId, "Auth.ClientId", ErrorIds.SignIn.MissingClientId), ClientSecret(auth, secrets), options.TimeProvider, options.TokenTransport ?? options.SandboxTransport);
        }

        var authority = endpoints.Login;
        switch (auth.Mode)
        {
            case AuthMode.Interactive:
                return new InteractiveBrowserCredential(Configure(new InteractiveBrowserCredentialOptions
                {
                    TenantId = tenantId,
                    ClientId = auth.ClientId,
                }, endpoints, options));

            case AuthMode.DeviceCode:
                var callback = options.DeviceCodeCallback ?? throw new PartnerRelationshipsException(
                    ErrorIds.SignIn.DeviceCodeNeedsHost, ErrorKind.InvalidOperation, "Device code sign-in needs a way to show the code; run it interactively.");
                return new DeviceCodeCredential(Configure(new DeviceCodeCredentialOptions
                {
                    TenantId = tenantId,
                    ClientId = Require(auth.ClientId, "Auth.ClientId", ErrorIds.SignIn.MissingClientId),
                    DeviceCodeCallback = (info, ct) => callback(info.Message, ct),
                }, endpoints, options));

            case AuthMode.ClientSecret:
                return new ClientSecretCredential(
                    Require(tenantId, "Auth.TenantId", ErrorIds.SignIn.MissingTenantId),
                    Require(auth.ClientId, "Auth.ClientId", ErrorIds.SignIn.MissingClientId),
                    ClientSecret(auth, secrets),
                    Configure(new ClientSecretCredentialOptions(), endpoints, options));

            case AuthMode.Certificate:
                return new ClientCertificateCredential(
                    Require(tenantId, "Auth.TenantId", ErrorIds.SignIn.MissingTenantId),
                    Require(auth.ClientId, "Auth.ClientId", ErrorIds.SignIn.MissingClientId),
                    LoadCertificate(auth, secrets),
                    Configure(new ClientCertificateCredentialOptions(), endpoints, options));

            case AuthMode.ManagedIdentity:
                var identity = string.IsNullOrWhiteSpace(auth.ManagedIdentityClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(auth.ManagedIdentityClientId);
                // The endpoint comes from the host (IDENTITY_ENDPOINT / IDENTITY_HEADER in App Service and Azure Automation).
                return new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(identity), endpoints, options));

            default:
                throw new PartnerRelationshipsException(ErrorIds.SignIn.UnknownAuthMode, ErrorKind.InvalidArgument, $"Unknown sign-in mode '{auth.Mode}'.", "Auth.Mode");
        }
    }

    /// <summary>The cloud's authority, no instance discovery for a custom one (the sandbox), and the shared retrying transport.</summary>
    private static T Configure<T>(T credentialOptions, CloudEndpoints endpoints, CredentialOptions options)
        where T : TokenCredentialOptions
    {
        credentialOptions.AuthorityHost = endpoints.Login;
        if (options.TokenTransport is { } transport)
        {
            credentialOptions.Transport = new HttpClientTransport(transport);
            credentialOptions.Retry.MaxRetries = 0; // Our handler retries, with the configured policy and -Verbose lines.
        }

        if (IsCustomAuthority(endpoints.Login))
        {
            // Instance discovery asks login.microsoftonline.com about the authority: never for the sandbox.
            switch (credentialOptions)
            {
                case InteractiveBrowserCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                case DeviceCodeCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                case ClientSecretCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                case ClientCertificateCredentialOptions o: o.DisableInstanceDiscovery = true; break;
            }
        }

        return credentialOptions;
    }

    private static bool IsCustomAuthority(Uri login)
        => !(login.Host.EndsWith(".microsoftonline.com", StringComparison.OrdinalIgnoreCase)
             || login.Host.EndsWith(".microsoftonline.us", StringComparison.OrdinalIgnoreCase)
             || login.Host.EndsWith(".chinacloudapi.cn", StringComparison.OrdinalIgnoreCase));

    private static string RefreshTokenSource(AuthSettings auth)
        => !string.IsNullOrWhiteSpace(auth.RefreshTokenVault) && !string.IsNullOrWhiteSpace(auth.RefreshTokenName)
            ? $"the secret '{auth.RefreshTokenName}' in the vault '{auth.RefreshTokenVault}'"
            : $"the environment variable {auth.RefreshTokenVariable}";

    private static string ClientSecret(AuthSettings auth, ISecretSource secrets)
        => secrets.GetSecret(SecretKind.ClientSecret, auth) ?? throw Missing(
            ErrorIds.SignIn.MissingClientSecret,
            $"No client secret: pass -{ParameterNames.ClientSecret}, set the environment variable named by Auth.ClientSecretVariable, or name a SecretManagement secret in Auth.SecretVault and Auth.SecretName. Secrets are never read from the configuration file.",
            "Auth.ClientSecretVariable");

    private static X509Certificate2 LoadCertificate(AuthSettings auth, ISecretSource secrets)
    {
        if (!string.IsNullOrWhiteSpace(auth.CertificateThumbprint))
        {
            var thumbprint = auth.CertificateThumbprint!.Replace(" ", "").ToUpperInvariant();
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                try
                {
                    using var store = new X509Store(StoreName.My, location);
                    store.Open(OpenFlags.ReadOnly);
                    var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                    if (found.Count > 0)
                    {
                        return found[0];
                    }
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    // That store is not available on this platform: try the next.
                }
            }

            throw new PartnerRelationshipsException(
                ErrorIds.SignIn.CertificateNotFound,
                ErrorKind.ObjectNotFound,
                $"No certificate with thumbprint {thumbprint} in the CurrentUser or LocalMachine 'My' store. Import it, or set Auth.CertificatePath instead.",
                "Auth.CertificateThumbprint");
        }

        if (!string.IsNullOrWhiteSpace(auth.CertificatePath))
        {
            if (!File.Exists(auth.CertificatePath))
            {
                throw new PartnerRelationshipsException(ErrorIds.SignIn.CertificateNotFound, ErrorKind.ObjectNotFound, $"The certificate file '{auth.CertificatePath}' does not exist.", "Auth.CertificatePath");
            }

            try
            {
                return new X509Certificate2(auth.CertificatePath!, secrets.GetSecret(SecretKind.CertificatePassword, auth));
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new PartnerRelationshipsException(ErrorIds.SignIn.CertificateUnreadable, ErrorKind.InvalidData, $"Cannot read the certificate '{auth.CertificatePath}': {ex.Message} Check the file and its password (-{ParameterNames.CertificatePassword}).", "Auth.CertificatePath", ex);
            }
        }

        throw Missing(ErrorIds.SignIn.MissingCertificate, "Certificate sign-in needs Auth.CertificateThumbprint or Auth.CertificatePath.", "Auth.CertificateThumbprint");
    }

    private static string Require(string? value, string key, string errorId)
        => string.IsNullOrWhiteSpace(value)
            ? throw Missing(errorId, $"{key} is required for this sign-in mode; set it in the configuration or pass it to {CommandNames.ConnectPartnerRelationship}.", key)
            : value!;

    private static PartnerRelationshipsException Missing(string errorId, string message, string key)
        => new(errorId, ErrorKind.InvalidArgument, message, key);

    private static string? FirstNonEmpty(params string?[] values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value)) return value;
        }

        return null;
    }
}
