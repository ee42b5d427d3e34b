using System.Diagnostics;
using Npgsql;

namespace PartnerRelationships.Core.Tests.Store.Postgres;

/// <summary>
/// The PostgreSQL server the tests use: the one in PARTNERRELATIONSHIPS_TEST_POSTGRES (build.ps1 Test starts it), else
/// one started here through build/test/PostgresServer.ps1 (so `dotnet test` alone works) and stopped at the end.
/// When neither is possible the tests that need it skip, saying why.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    public const string EnvironmentVariable = "PARTNERRELATIONSHIPS_TEST_POSTGRES";

    private readonly string? _ownServerRoot;
    private int _schemas;

    public PostgresServerFixture()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }

        var script = FindScript();
        if (script is null)
        {
            SkipReason = $"{EnvironmentVariable} is not set and build/test/PostgresServer.ps1 was not found to start a server.";
            return;
        }

        _ownServerRoot = Path.Combine(Path.GetTempPath(), "pr-test-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_ownServerRoot);
        var (exitCode, output) = RunScript(script, "Start");
        var connection = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith("Host=", StringComparison.Ordinal));
        if (exitCode != 0 || connection is null)
        {
            SkipReason = $"{EnvironmentVariable} is not set and no PostgreSQL server could be started here: {output.Trim()}";
            return;
        }

        ConnectionString = connection;
    }

    /// <summary>The server's connection string (database postgres, superuser); null when skipping.</summary>
    public string? ConnectionString { get; }

    public string? SkipReason { get; }

    /// <summary>Skips the calling test (with the reason) when there is no server.</summary>
    public string RequireConnectionString()
    {
        Skip.If(ConnectionString is null, SkipReason);
        return ConnectionString!;
    }

    /// <summary>A new, empty schema; the returned connection string puts the store there (Search Path).</summary>
    public string NewSchema(out string schema)
    {
        var server = RequireConnectionString();
        schema = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _schemas)}_{Guid.NewGuid().ToString("N")[..8]}";
        Execute(server, $"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
    }

    public void DropSchema(string schema)
    {
        if (ConnectionString is not null)
        {
            Execute(ConnectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    public static object? Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public static void Execute(string connectionString, string sql) => Scalar(connectionString, sql);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_ownServerRoot is not null)
        {
            var script = FindScript();
            if (script is not null)
            {
                RunScript(script, "Stop");
            }

            try
            {
                Directory.Delete(_ownServerRoot, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private (int ExitCode, string Output) RunScript(string script, string action)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(script)))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", script, "-PostgresServerAction", action, "-ServerRoot", _ownServerRoot! })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "build", "test", "PostgresServer.ps1");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>, ICollectionFixture<SqliteFixture>
{
    public const string Name = "Postgres";
}
