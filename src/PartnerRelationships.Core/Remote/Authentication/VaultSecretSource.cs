using System;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// A SecretManagement vault, through a callback the cmdlet layer supplies (Core has no PowerShell): called with the
/// vault and secret names from Auth.SecretVault / Auth.SecretName.
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
        if (kind != SecretKind.ClientSecret || string.IsNullOrWhiteSpace(settings.SecretVault) || string.IsNullOrWhiteSpace(settings.SecretName))
        {
            return null;
        }

        return _fetch(settings.SecretVault!, settings.SecretName!);
    }
}
