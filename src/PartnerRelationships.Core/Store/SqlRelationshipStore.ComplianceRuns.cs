using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Store;

/// <summary>Compliance runs, with the same retention in both stores.</summary>
public abstract partial class SqlRelationshipStore
{
    private const string RunColumns = "id, started_at, completed_at, scope, rules, finding_count";

    public Task<ComplianceRunRecord> AddComplianceRunAsync(ComplianceRunRecord run, IReadOnlyCollection<string> findingKeys, CancellationToken cancellationToken = default)
    {
        if (run is null)
        {
            throw new ArgumentNullException(nameof(run));
        }

        if (findingKeys is null)
        {
            throw new ArgumentNullException(nameof(findingKeys));
        }

        var scope = run.Scope ?? "";
        return RunAsync(write: true, async (connection, transaction, token) =>
        {
            var id = Convert.ToInt64(await _dialect.ScalarAsync(connection, transaction,
                "INSERT INTO compliance_runs (started_at, completed_at, scope, rules, finding_count) VALUES (@started, @completed, @scope, @rules, @count) RETURNING id",
                token,
                ("started", StoreTime.ToText(run.StartedAt)),
                ("completed", StoreTime.ToText(run.CompletedAt)),
                ("scope", scope),
                ("rules", string.Join(",", run.Rules)),
                ("count", run.FindingCount)).ConfigureAwait(false), CultureInfo.InvariantCulture);

            foreach (var count in run.Counts)
            {
                await _dialect.ExecuteAsync(connection, transaction,
                    "INSERT INTO compliance_run_counts (run_id, rule_id, severity, count) VALUES (@run, @rule, @severity, @count)",
                    token, ("run", id), ("rule", count.RuleId), ("severity", count.Severity), ("count", count.Count)).ConfigureAwait(false);
            }

            await _dialect.InsertFindingKeysAsync(connection, transaction, id, findingKeys, token).ConfigureAwait(false);

            // Older runs of the same scope no longer need their keys; their counts stay for the record.
            await _dialect.ExecuteAsync(connection, transaction,
                "DELETE FROM compliance_run_findings WHERE run_id IN (SELECT id FROM compliance_runs WHERE scope = @scope " +
                "AND id NOT IN (SELECT id FROM compliance_runs WHERE scope = @scope ORDER BY id DESC LIMIT @keep))",
                token, ("scope", scope), ("keep", ComplianceRunRetention.KeptKeySetsPerScope)).ConfigureAwait(false);

            return run with { Id = id, Scope = scope };
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ComplianceRunRecord>> GetLatestComplianceRunsAsync(string scope, int take, CancellationToken cancellationToken = default)
    {
        RequireTake(take);
        return RunAsync(write: false, (connection, transaction, token) =>
            ReadRunsAsync(connection, transaction, token,
                $"SELECT {RunColumns} FROM compliance_runs WHERE scope = @scope ORDER BY id DESC LIMIT @take", ("scope", scope ?? ""), ("take", take)),
            cancellationToken);
    }

    public Task<IReadOnlyList<ComplianceRunRecord>> ListComplianceRunsAsync(int take, CancellationToken cancellationToken = default)
    {
        RequireTake(take);
        return RunAsync(write: false, (connection, transaction, token) =>
            ReadRunsAsync(connection, transaction, token, $"SELECT {RunColumns} FROM compliance_runs ORDER BY id DESC LIMIT @take", ("take", take)),
            cancellationToken);
    }

    public Task<IReadOnlyCollection<string>> GetComplianceRunFindingKeysAsync(long runId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyCollection<string>>(write: false, async (connection, transaction, token) =>
        {
            var keys = await _dialect.ReadRowsAsync(connection, transaction, "SELECT finding_key FROM compliance_run_findings WHERE run_id = @run",
                reader => reader.GetString(0), token, ("run", runId)).ConfigureAwait(false);
            return new HashSet<string>(keys, StringComparer.Ordinal);
        }, cancellationToken);

    private static void RequireTake(int take)
    {
        if (take < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(take), "Ask for at least one run.");
        }
    }

    private async Task<IReadOnlyList<ComplianceRunRecord>> ReadRunsAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken token, string sql, params (string Name, object? Value)[] parameters)
    {
        var runs = await _dialect.ReadRowsAsync(connection, transaction, sql, ReadRun, token, parameters).ConfigureAwait(false);
        for (var i = 0; i < runs.Count; i++)
        {
            var counts = await _dialect.ReadRowsAsync(connection, transaction,
                "SELECT rule_id, severity, count FROM compliance_run_counts WHERE run_id = @run ORDER BY rule_id, severity",
                reader => new ComplianceRunCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)), token, ("run", runs[i].Id)).ConfigureAwait(false);
            runs[i] = runs[i] with { Counts = counts };
        }

        return runs;
    }

    private static ComplianceRunRecord ReadRun(DbDataReader reader)
    {
        var rules = reader.GetString(4);
        return new ComplianceRunRecord
        {
            Id = reader.GetInt64(0),
            StartedAt = StoreTime.FromText(reader.GetString(1)),
            CompletedAt = StoreTime.FromText(reader.GetString(2)),
            Scope = reader.GetString(3),
            Rules = rules.Length == 0 ? Array.Empty<string>() : rules.Split(','),
            FindingCount = reader.GetInt32(5),
        };
    }
}
