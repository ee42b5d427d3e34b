using System.Text.Json;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// `sync --path store.db --sandbox http://127.0.0.1:port [--token t] [--barrier]`: one InviteSyncService run over a
/// SQLite store against a sandbox, as a separate process, so the reliability suite can kill it mid-sync or run four
/// at once. Prints "ready" once the store is open; with --barrier it then waits for a line on stdin before syncing (so
/// several processes start their syncs together). Prints one JSON line per transition as it is recorded, then "done N".
/// </summary>
internal static class SyncCommand
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        SqliteNativeLibrary.Initialize(null);
        var sandbox = new Uri(options.Get("sandbox", "http://127.0.0.1:5099"));
        using var store = SqliteRelationshipStore.Open(options.Get("path", "store.db"), TimeProvider.System);
        using var connection = new PartnerConnection(
            new StaticAccessTokenCredential(options.Get("token", "sandbox-token")),
            CloudEndpoints.Resolve(CloudEnvironment.Global, null, sandbox),
            new RetrySettings { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) });
        var sync = new InviteSyncService(store, connection.GraphGdap, connection.PartnerCenter, TimeProvider.System);

        Console.WriteLine("ready");
        if (options.Get("barrier", "false") == "true")
        {
            Console.In.ReadLine();
        }

        var count = 0;
        await foreach (var transition in sync.SyncAsync(new InviteSyncOptions { MaxConcurrency = options.GetInt("concurrency", 4) }))
        {
            count++;
            Console.WriteLine(JsonSerializer.Serialize(new { transition.InviteId, From = transition.From.ToString(), To = transition.To.ToString() }));
        }

        Console.WriteLine($"done {count}");
        return 0;
    }
}
