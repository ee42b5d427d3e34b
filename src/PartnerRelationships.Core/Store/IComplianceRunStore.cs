using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// Where compliance runs are recorded, so a report can say exactly which findings are new since the last run.
/// Kept apart from <see cref="IRelationshipStore"/> so a store can add it without changing the invite contract.
/// </summary>
public interface IComplianceRunStore
{
    /// <summary>Records a run, its counts and the keys of all its findings in one transaction; returns it with its id.</summary>
    Task<ComplianceRunRecord> AddComplianceRunAsync(ComplianceRunRecord run, IReadOnlyCollection<string> findingKeys, CancellationToken cancellationToken = default);

    /// <summary>The most recent runs recorded with this scope, newest first (at most <paramref name="take"/>).</summary>
    Task<IReadOnlyList<ComplianceRunRecord>> GetLatestComplianceRunsAsync(string scope, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// The finding keys of a run. Empty when the run had no findings, or its keys were pruned (only the latest
    /// <see cref="ComplianceRunRetention.KeptKeySetsPerScope"/> runs of each scope keep them).
    /// </summary>
    Task<IReadOnlyCollection<string>> GetComplianceRunFindingKeysAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>The latest runs, newest first, across all scopes.</summary>
    Task<IReadOnlyList<ComplianceRunRecord>> ListComplianceRunsAsync(int take, CancellationToken cancellationToken = default);
}
