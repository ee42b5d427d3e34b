using System;
using System.Linq;
using PartnerRelationships.Core.Errors;
using YamlDotNet.RepresentationModel;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Refuses a file that holds a secret, before anything else is checked, wherever the key sits. The message names
/// the key and the reference to use instead and never repeats the value: the file is often in source control
/// and error text ends up in logs.
/// </summary>
internal static class ConfigSecretScanner
{
    private static readonly string[] ExactNames = { "connectionString", "apiKey", "privateKey", "credential", "credentials" };

    public static void Scan(YamlNode node, string sourceName, string? parentPath = null)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var pair in mapping.Children)
                {
                    var key = (pair.Key as YamlScalarNode)?.Value ?? "";
                    var path = parentPath is null ? key : $"{parentPath}.{key}";
                    if (IsSecretKey(key))
                    {
                        throw ConfigErrors.At(ErrorIds.Config.SecretInFile, ErrorKind.SecurityError, sourceName, pair.Key.Start, path,
                            "holds a secret, and secrets are never read from the configuration file", Instead(key) + ", then remove this line");
                    }

                    Scan(pair.Value, sourceName, path);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Scan(item, sourceName, parentPath);
                }

                break;
        }
    }

    /// <summary>
    /// clientSecret, secret, password, accessToken, certificatePassword, connectionString and their kin; but not the
    /// references (clientSecretVariable, secretVault, secretName, accessTokenVariable, connectionStringVariable).
    /// </summary>
    public static bool IsSecretKey(string key)
    {
        var lower = key.ToLowerInvariant();
        return lower.Contains("password")
               || lower.EndsWith("secret", StringComparison.Ordinal)
               || lower.EndsWith("token", StringComparison.Ordinal)
               || ExactNames.Any(name => string.Equals(name, key, StringComparison.OrdinalIgnoreCase));
    }

    private static string Instead(string key)
    {
        var lower = key.ToLowerInvariant();
        if (lower.Contains("connectionstring"))
        {
            return "Put the connection string in an environment variable and name it in store.connectionStringVariable, "
                   + "or in a SecretManagement vault named by store.secretVault + store.secretName";
        }

        if (lower.EndsWith("refreshtoken", StringComparison.Ordinal))
        {
            return "Keep the refresh token in a SecretManagement vault named by auth.refreshTokenVault + auth.refreshTokenName "
                   + $"({CommandNames.NewPartnerRelationshipRefreshToken} writes it there), or in an environment variable named by auth.refreshTokenVariable";
        }

        if (lower.EndsWith("token", StringComparison.Ordinal))
        {
            return "Put the token in an environment variable and name it in auth.accessTokenVariable";
        }

        if (lower.Contains("certificate"))
        {
            return "Load the certificate from the certificate store with auth.certificateThumbprint, "
                   + "or point auth.certificatePath at a file protected by the operating system";
        }

        return "Put the secret in an environment variable and name it in auth.clientSecretVariable, "
               + "or in a SecretManagement vault named by auth.secretVault + auth.secretName";
    }
}
