using System;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Store;

/// <summary>Opens the store the configuration names, ready to use (schema migrated, path checked).</summary>
public static class StoreFactory
{
    public static IRelationshipStore Open(StoreSettings settings, TimeProvider clock)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        return settings.Provider switch
        {
            StoreProvider.Sqlite => SqliteRelationshipStore.Open(
                string.IsNullOrWhiteSpace(settings.Path) ? StorePaths.DefaultSqlitePath() : settings.Path!, clock),
            StoreProvider.Postgres => throw new PartnerRelationshipsException(
                "StoreProviderNotAvailable",
                ErrorKind.NotImplemented,
                "The PostgreSQL store arrives in a later release. Set store.provider to sqlite in the configuration " +
                "(or remove the store section to use the default SQLite file).",
                settings.Provider),
            _ => throw new PartnerRelationshipsException(
                "StoreProviderNotAvailable",
                ErrorKind.InvalidArgument,
                $"Unknown store provider '{settings.Provider}'. Set store.provider to sqlite in the configuration.",
                settings.Provider),
        };
    }
}
