using System;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Store;

/// <summary>Opens the store the configuration names, ready to use (schema migrated, path checked).</summary>
public static class StoreFactory
{
    public static IRelationshipStore Open(StoreSettings settings, TimeProvider clock) =>
        Open(settings, clock, Environment.GetEnvironmentVariable, vaultSecret: null);

    /// <param name="environment">Reads environment variables (the connection string's variable).</param>
    /// <param name="vaultSecret">Fetches (vault, secret name) from SecretManagement; null when unavailable.</param>
    public static IRelationshipStore Open(
        StoreSettings settings,
        TimeProvider clock,
        Func<string, string?> environment,
        Func<string, string, string?>? vaultSecret)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        return settings.Provider switch
        {
            StoreProvider.Sqlite => SqliteRelationshipStore.Open(
                string.IsNullOrWhiteSpace(settings.Path) ? StorePaths.DefaultSqlitePath() : settings.Path!, clock),
            StoreProvider.Postgres => PostgresStoreLoader.Open(StoreConnectionString.Resolve(settings, environment, vaultSecret), clock),
            _ => throw new PartnerRelationshipsException(
                ErrorIds.Store.StoreProviderNotAvailable,
                ErrorKind.InvalidArgument,
                $"Unknown store provider '{settings.Provider}'. Set store.provider to sqlite or postgres in the configuration.",
                settings.Provider),
        };
    }
}
