using System;

namespace PartnerRelationships.Store.Postgres;

/// <summary>How hard the store retries a transient failure (a dropped connection, a deadlock, a server restarting).</summary>
public sealed record PostgresStoreOptions
{
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The pause before the second attempt; it doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
