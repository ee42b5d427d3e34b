using System;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>Reads the environment variables the config names (Auth.ClientSecretVariable, AccessTokenVariable, RefreshTokenVariable).</summary>
public sealed class EnvironmentSecretSource : ISecretSource
{
    private readonly Func<string, string?> _read;

    public EnvironmentSecretSource(Func<string, string?>? read = null)
    {
        _read = read ?? Environment.GetEnvironmentVariable;
    }

    public string? GetSecret(SecretKind kind, AuthSettings settings)
    {
        var variable = kind switch
        {
            SecretKind.ClientSecret => settings.ClientSecretVariable,
            SecretKind.AccessToken => settings.AccessTokenVariable,
            SecretKind.RefreshToken => settings.RefreshTokenVariable,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        var value = _read(variable!);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
