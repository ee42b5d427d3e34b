using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Store.Postgres;

/// <summary>Compliance runs in PostgreSQL, with the same retention as the SQLite store.</summary>
public sealed partial class PostgresRelationshipStore : IComplianceRunStore
{
    private const string RunColumns = "id, started_at, completed_at, scope, rules, finding_count";

    public Task<ComplianceRunRecord> AddComplianceRunAsync(ComplianceRunRecord run, IReadOnlyCollection<string> findingKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(findingKeys);
        var scope = run.Scope ?? "";
        return RunAsync(async (connection, transaction, token) =>
        {
            await using var insertRun = Command(connection, transaction,
                "INSERT INTO compliance_runs (started_at, completed_at, scope, rules, finding_count) VALUES (@started, @completed, @scope, @rules, @count) RETURNING id",
                ("started", SqliteTime.ToText(run.StartedAt)),
                ("completed", SqliteTime.ToText(run.CompletedAt)),
                ("scope", scope),
                ("rules", string.Join(",", run.Rules)),
                ("count", run.FindingCount));
            var id = Convert.ToInt64(await insertRun.ExecuteScalarAsync(token).ConfigureAwait(false));

            foreach (var count in run.Counts)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO compliance_run_counts (run_id, rule_id, severity, count) VALUES (@run, @rule, @severity, @count)",
                    token, ("run", id), ("rule", count.RuleId), ("severity", count.Severity), ("count", count.Count)).ConfigureAwait(false);
            }

            // One statement for thousands of keys: a nightly run over many customers stays one quick commit.
            var keys = findingKeys.Distinct(StringComparer.Ordinal).ToArray();
            if (keys.Length > 0)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO compliance_run_findings (run_id, finding_key) SELECT @run, unnest(@keys) ON CONFLICT DO NOTHING",
                    token, ("run", id), ("keys", keys)).ConfigureAwait(false);
            }

            // Older runs of the same scope no longer need their keys; their counts stay for the record.
            await ExecuteAsync(connection, transaction,
                "DELETE FROM compliance_run_findings WHERE run_id IN (SELECT id FROM compliance_runs WHERE scope = @scope " +
                "AND id NOT IN (SELECT id FROM compliance_runs WHERE scope = @scope ORDER BY id DESC LIMIT @keep))",
                token, ("scope", scope), ("keep", ComplianceRunRetention.KeptKeySetsPerScope)).ConfigureAwait(false);

            return run with { Id = id, Scope = scope };
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ComplianceRunRecord>> GetLatestComplianceRunsAsync(string scope, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        return RunAsync<IReadOnlyList<ComplianceRunRecord>>(
            (connection, transaction, token) => ReadRunsAsync(connection, transaction, token,
                $"SELECT {RunColumns} FROM compliance_runs WHERE scope = @scope ORDER BY id DESC LIMIT @take", ("scope", scope ?? ""), ("take", take)),
            cancellationToken);
    }

    public Task<IReadOnlyCollection<string>> GetComplianceRunFindingKeysAsync(long runId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyCollection<string>>(async (connection, transaction, token) =>
        {
            await using var command = Command(connection, transaction, "SELECT finding_key FROM compliance_run_findings WHERE run_id = @run", ("run", runId));
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                keys.Add(reader.GetString(0));
            }

            return keys;
        }, cancellationToken);

    public Task<IReadOnlyList<ComplianceRunRecord>> ListComplianceRunsAsync(int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        return RunAsync<IReadOnlyList<ComplianceRunRecord>>(
            (connection, transaction, token) => ReadRunsAsync(connection, transaction, token,
                $"SELECT {RunColumns} FROM compliance_runs ORDER BY id DESC LIMIT @take", ("take", take)),
            cancellationToken);
    }

    private static async Task<IReadOnlyList<ComplianceRunRecord>> ReadRunsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token, string sql, params (string Name, object? Value)[] parameters)
    {
        var runs = new List<ComplianceRunRecord>();
        await using (var command = Command(connection, transaction, sql, parameters))
        await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var rules = reader.GetString(4);
                runs.Add(new ComplianceRunRecord
                {
                    Id = reader.GetInt64(0),
                    StartedAt = SqliteTime.FromText(reader.GetString(1)),
                    CompletedAt = SqliteTime.FromText(reader.GetString(2)),
                    Scope = reader.GetString(3),
                    Rules = rules.Length == 0 ? Array.Empty<string>() : rules.Split(','),
                    FindingCount = reader.GetInt32(5),
                });
            }
        }

        for (var i = 0; i < runs.Count; i++)
        {
            var counts = new List<ComplianceRunCount>();
            await using var command = Command(connection, transaction,
                "SELECT rule_id, severity, count FROM compliance_run_counts WHERE run_id = @run ORDER BY rule_id, severity", ("run", runs[i].Id));
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                counts.Add(new ComplianceRunCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }

            runs[i] = runs[i] with { Counts = counts };
        }

        return runs;
    }
}
