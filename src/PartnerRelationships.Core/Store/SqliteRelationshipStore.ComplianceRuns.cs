using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace PartnerRelationships.Core.Store;

public sealed partial class SqliteRelationshipStore : IComplianceRunStore
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
        return RunAsync(write: true, (connection, transaction) =>
        {
            Execute(connection, transaction,
                "INSERT INTO compliance_runs (started_at, completed_at, scope, rules, finding_count) VALUES (@started, @completed, @scope, @rules, @count)",
                ("@started", SqliteTime.ToText(run.StartedAt)),
                ("@completed", SqliteTime.ToText(run.CompletedAt)),
                ("@scope", scope),
                ("@rules", string.Join(",", run.Rules)),
                ("@count", run.FindingCount));
            var id = ScalarInt64(connection, transaction, "SELECT last_insert_rowid()");

            foreach (var count in run.Counts)
            {
                Execute(connection, transaction,
                    "INSERT INTO compliance_run_counts (run_id, rule_id, severity, count) VALUES (@run, @rule, @severity, @count)",
                    ("@run", id), ("@rule", count.RuleId), ("@severity", count.Severity), ("@count", count.Count));
            }

            // One prepared statement for thousands of keys: a nightly run over many customers stays one quick commit.
            using (var insert = Command(connection, transaction,
                       "INSERT OR IGNORE INTO compliance_run_findings (run_id, finding_key) VALUES (@run, @key)", ("@run", id), ("@key", "")))
            {
                insert.Prepare();
                foreach (var key in findingKeys)
                {
                    insert.Parameters["@key"].Value = key;
                    insert.ExecuteNonQuery();
                }
            }

            // Older runs of the same scope no longer need their keys; their counts stay for the record.
            Execute(connection, transaction,
                "DELETE FROM compliance_run_findings WHERE run_id IN (SELECT id FROM compliance_runs WHERE scope = @scope " +
                "AND id NOT IN (SELECT id FROM compliance_runs WHERE scope = @scope ORDER BY id DESC LIMIT @keep))",
                ("@scope", scope), ("@keep", ComplianceRunRetention.KeptKeySetsPerScope));

            return run with { Id = id, Scope = scope };
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ComplianceRunRecord>> GetLatestComplianceRunsAsync(string scope, int take, CancellationToken cancellationToken = default)
    {
        if (take < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(take), "Ask for at least one run.");
        }

        return RunAsync<IReadOnlyList<ComplianceRunRecord>>(write: false, (connection, transaction) =>
            ReadRuns(connection, transaction, $"SELECT {RunColumns} FROM compliance_runs WHERE scope = @scope ORDER BY id DESC LIMIT @take",
                ("@scope", scope ?? ""), ("@take", take)), cancellationToken);
    }

    public Task<IReadOnlyCollection<string>> GetComplianceRunFindingKeysAsync(long runId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyCollection<string>>(write: false, (connection, transaction) =>
        {
            using var command = Command(connection, transaction, "SELECT finding_key FROM compliance_run_findings WHERE run_id = @run", ("@run", runId));
            using var reader = command.ExecuteReader();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }

            return keys;
        }, cancellationToken);

    public Task<IReadOnlyList<ComplianceRunRecord>> ListComplianceRunsAsync(int take, CancellationToken cancellationToken = default)
    {
        if (take < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(take), "Ask for at least one run.");
        }

        return RunAsync<IReadOnlyList<ComplianceRunRecord>>(write: false, (connection, transaction) =>
            ReadRuns(connection, transaction, $"SELECT {RunColumns} FROM compliance_runs ORDER BY id DESC LIMIT @take", ("@take", take)), cancellationToken);
    }

    private static List<ComplianceRunRecord> ReadRuns(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var runs = new List<ComplianceRunRecord>();
        using (var command = Command(connection, transaction, sql, parameters))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
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
            runs[i] = runs[i] with { Counts = ReadCounts(connection, transaction, runs[i].Id) };
        }

        return runs;
    }

    private static IReadOnlyList<ComplianceRunCount> ReadCounts(SqliteConnection connection, SqliteTransaction? transaction, long runId)
    {
        using var command = Command(connection, transaction,
            "SELECT rule_id, severity, count FROM compliance_run_counts WHERE run_id = @run ORDER BY rule_id, severity", ("@run", runId));
        using var reader = command.ExecuteReader();
        var counts = new List<ComplianceRunCount>();
        while (reader.Read())
        {
            counts.Add(new ComplianceRunCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return counts;
    }

    private static long ScalarInt64(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
