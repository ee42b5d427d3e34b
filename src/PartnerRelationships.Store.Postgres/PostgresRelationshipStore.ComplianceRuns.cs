using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

/// <summary>Compliance runs in PostgreSQL, with the same retention as the SQLite store.</summary>
public sealed partial class PostgresRelationshipStore : IComplianceRunStore
{
    public Task<ComplianceRunRecord> AddComplianceRunAsync(ComplianceRunRecord run, IReadOnlyCollection<string> findingKeys, CancellationToken cancellationToken = default) =>
        _core.AddComplianceRunAsync(run, findingKeys, cancellationToken);

    public Task<IReadOnlyList<ComplianceRunRecord>> GetLatestComplianceRunsAsync(string scope, int take, CancellationToken cancellationToken = default) =>
        _core.GetLatestComplianceRunsAsync(scope, take, cancellationToken);

    public Task<IReadOnlyCollection<string>> GetComplianceRunFindingKeysAsync(long runId, CancellationToken cancellationToken = default) =>
        _core.GetComplianceRunFindingKeysAsync(runId, cancellationToken);

    public Task<IReadOnlyList<ComplianceRunRecord>> ListComplianceRunsAsync(int take, CancellationToken cancellationToken = default) =>
        _core.ListComplianceRunsAsync(take, cancellationToken);
}
