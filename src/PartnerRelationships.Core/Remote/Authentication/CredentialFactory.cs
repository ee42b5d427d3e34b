using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

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
                "MissingAccessToken",
                "No access token: pass -AccessToken, or set the environment variable named by Auth.AccessTokenVariable.",
                "Auth.AccessTokenVariable");
            return new StaticAccessTokenCredential(token, options.TimeProvider);
        }

        var tenantId = FirstNonEmpty(auth.TenantId, options.PartnerTenantId);

        // MSAL refuses a plain-http authority, and the sandbox has no browser or device flow.
        if (endpoints.IsSandbox || endpoints.Login.Scheme == Uri.UriSchemeHttp)
        {
            if (auth.Mode != AuthMode.ClientSecret)
            {
                throw new PartnerRelationshipsException(
                    "SandboxAuthNotSupported",
                    ErrorKind.InvalidArgument,
                    $"The sandbox supports ClientSecret and AccessToken sign-in, not {auth.Mode}. Use -ClientSecret or -AccessToken with -SandboxUri.",
                    "Auth.Mode");
            }

            return new SandboxClientCredential(endpoints.Login, Require(tenantId, "Auth.TenantId", "MissingTenantId"), Require(auth.ClientId, "Auth.ClientId", "MissingClientId"), ClientSecret(auth, secrets), options.TimeProvider, options.SandboxTransport);
        }

        var authority = endpoints.Login;
        switch (auth.Mode)
        {
            case AuthMode.Interactive:
                return new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions
                {
                    AuthorityHost = authority,
                    TenantId = tenantId,
                    ClientId = auth.ClientId,
                });

            case AuthMode.DeviceCode:
                var callback = options.DeviceCodeCallback ?? throw new PartnerRelationshipsException(
                    "DeviceCodeNeedsHost", ErrorKind.InvalidOperation, "Device code sign-in needs a way to show the code; run it interactively.");
                return new DeviceCodeCredential(new DeviceCodeCredentialOptions
                {
                    AuthorityHost = authority,
                    TenantId = tenantId,
                    ClientId = auth.ClientId,
                    DeviceCodeCallback = (info, ct) => callback(info.Message, ct),
                });

            case AuthMode.ClientSecret:
                return new ClientSecretCredential(
                    Require(tenantId, "Auth.TenantId", "MissingTenantId"),
                    Require(auth.ClientId, "Auth.ClientId", "MissingClientId"),
                    ClientSecret(auth, secrets),
                    new ClientSecretCredentialOptions { AuthorityHost = authority });

            case AuthMode.Certificate:
                return new ClientCertificateCredential(
                    Require(tenantId, "Auth.TenantId", "MissingTenantId"),
                    Require(auth.ClientId, "Auth.ClientId", "MissingClientId"),
                    LoadCertificate(auth, secrets),
                    new ClientCertificateCredentialOptions { AuthorityHost = authority });

            case AuthMode.ManagedIdentity:
                var identity = string.IsNullOrWhiteSpace(auth.ManagedIdentityClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(auth.ManagedIdentityClientId);
                return new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(identity) { AuthorityHost = authority });

            default:
                throw new PartnerRelationshipsException("UnknownAuthMode", ErrorKind.InvalidArgument, $"Unknown sign-in mode '{auth.Mode}'.", "Auth.Mode");
        }
    }

    private static string ClientSecret(AuthSettings auth, ISecretSource secrets)
        => secrets.GetSecret(SecretKind.ClientSecret, auth) ?? throw Missing(
            "MissingClientSecret",
            "No client secret: pass -ClientSecret, set the environment variable named by Auth.ClientSecretVariable, or name a SecretManagement secret in Auth.SecretVault and Auth.SecretName. Secrets are never read from the configuration file.",
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
                "CertificateNotFound",
                ErrorKind.ObjectNotFound,
                $"No certificate with thumbprint {thumbprint} in the CurrentUser or LocalMachine 'My' store. Import it, or set Auth.CertificatePath instead.",
                "Auth.CertificateThumbprint");
        }

        if (!string.IsNullOrWhiteSpace(auth.CertificatePath))
        {
            if (!File.Exists(auth.CertificatePath))
            {
                throw new PartnerRelationshipsException("CertificateNotFound", ErrorKind.ObjectNotFound, $"The certificate file '{auth.CertificatePath}' does not exist.", "Auth.CertificatePath");
            }

            try
            {
                return new X509Certificate2(auth.CertificatePath!, secrets.GetSecret(SecretKind.CertificatePassword, auth));
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new PartnerRelationshipsException("CertificateUnreadable", ErrorKind.InvalidData, $"Cannot read the certificate '{auth.CertificatePath}': {ex.Message} Check the file and its password (-CertificatePassword).", "Auth.CertificatePath", ex);
            }
        }

        throw Missing("MissingCertificate", "Certificate sign-in needs Auth.CertificateThumbprint or Auth.CertificatePath.", "Auth.CertificateThumbprint");
    }

    private static string Require(string? value, string key, string errorId)
        => string.IsNullOrWhiteSpace(value)
            ? throw Missing(errorId, $"{key} is required for this sign-in mode; set it in the configuration or pass it to Connect-PartnerRelationship.", key)
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
