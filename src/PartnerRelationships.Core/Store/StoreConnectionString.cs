using System;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Finds the PostgreSQL connection string the configuration points at: the environment variable named in
/// store.connectionStringVariable, else the SecretManagement secret store.secretVault / store.secretName (fetched by
/// a callback, since Core has no PowerShell). The value itself never appears in a message.
/// </summary>
public static class StoreConnectionString
{
    public static string Resolve(StoreSettings settings, Func<string, string?> environment, Func<string, string, string?>? vaultSecret)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        if (!string.IsNullOrWhiteSpace(settings.ConnectionStringVariable))
        {
            var variable = settings.ConnectionStringVariable!.Trim();
            var value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value!;
            }

            if (!HasVault(settings))
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Store.StoreConnectionStringMissing,
                    ErrorKind.ObjectNotFound,
                    $"The environment variable {variable} (store.connectionStringVariable) is not set. Set it to the PostgreSQL " +
                    "connection string, e.g. 'Host=db.example.com;Database=partner;Username=pr_app;Password=...'.",
                    variable);
            }
        }

        if (HasVault(settings))
        {
            if (vaultSecret is null)
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Store.StoreSecretVaultUnavailable,
                    ErrorKind.NotEnabled,
                    $"The store's connection string is in the vault '{settings.SecretVault}', which cannot be read here. " +
                    "Install Microsoft.PowerShell.SecretManagement and register the vault, or use store.connectionStringVariable.",
                    settings.SecretVault);
            }

            var secret = vaultSecret(settings.SecretVault!, settings.SecretName!);
            if (!string.IsNullOrWhiteSpace(secret))
            {
                return secret!;
            }

            throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreConnectionStringMissing,
                ErrorKind.ObjectNotFound,
                $"The secret '{settings.SecretName}' in the vault '{settings.SecretVault}' is missing or empty. Store the " +
                $"PostgreSQL connection string there: Set-Secret -Vault {settings.SecretVault} -Name {settings.SecretName} -Secret '<connection string>'.",
                settings.SecretName);
        }

        throw new PartnerRelationshipsException(
            ErrorIds.Store.StoreConnectionStringMissing,
            ErrorKind.InvalidArgument,
            "store.provider is postgres but the configuration does not say where the connection string is. Set " +
            "store.connectionStringVariable to the name of an environment variable, or store.secretVault and store.secretName.",
            "store");
    }

    private static bool HasVault(StoreSettings settings) =>
        !string.IsNullOrWhiteSpace(settings.SecretVault) && !string.IsNullOrWhiteSpace(settings.SecretName);
}
