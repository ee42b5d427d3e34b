using System;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// A SecretManagement vault, through a callback the cmdlet layer supplies (Core has no PowerShell): called with the
/// vault and secret names from Auth.SecretVault / Auth.SecretName (the client secret) or
/// Auth.RefreshTokenVault / Auth.RefreshTokenName (the refresh token).
/// </summary>
public sealed class VaultSecretSource : ISecretSource
{
    private readonly Func<string, string, string?> _fetch;

    public VaultSecretSource(Func<string, string, string?> fetch)
    {
        _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
    }

    public string? GetSecret(SecretKind kind, AuthSettings settings)
    {
        var (vault, name) = kind switch
        {
            SecretKind.ClientSecret => (settings.SecretVault, settings.SecretName),
            SecretKind.RefreshToken => (settings.RefreshTokenVault, settings.RefreshTokenName),
            _ => (null, null),
        };
        if (string.IsNullOrWhiteSpace(vault) || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return _fetch(vault!, name!);
    }
}
