using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>What every connection made by a cmdlet adds to Core's sign-in: the pinned sandbox certificate and the vault write-back.</summary>
internal static class SignInOptions
{
    public static void Apply(AuthSettings auth, CredentialOptions credential, PartnerConnectionOptions connection)
    {
        connection.TrustedLoopbackCertificate ??= LoopbackCertificatePinning.FromEnvironment();

        // A rotated refresh token goes back where it came from, so the next run starts from the newest one. One from
        // an environment variable cannot be written back (the old one stays valid until it expires unused).
        if (auth.Mode == AuthMode.RefreshToken && !string.IsNullOrWhiteSpace(auth.RefreshTokenVault) && !string.IsNullOrWhiteSpace(auth.RefreshTokenName))
        {
            var vault = auth.RefreshTokenVault!;
            var name = auth.RefreshTokenName!;
            credential.RefreshTokenRotated = token => SecretManagementVault.Store(vault, name, token);
        }
    }
}
