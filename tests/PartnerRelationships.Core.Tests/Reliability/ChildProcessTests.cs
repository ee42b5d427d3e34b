using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Tests.Store;

namespace PartnerRelationships.Core.Tests.Reliability;

/// <summary>
/// Syncs in real child processes (the bench exe's `sync` worker) against a sandbox on a loopback port: killed at random
/// points, the store stays intact and a rerun converges; four at once, nothing is lost, doubled or reported as locked.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_sync_killed_at_random_points_leaves_an_intact_store_and_a_rerun_converges()
    {
        await using var scenario = await SyncScenario.StartAsync();
        var reference = scenario.Copy();
        var (transitions, error) = await RunToEndAsync(scenario.SyncArguments(reference));
        Assert.True(transitions >= 40, $"the scenario gives a sync real work ({transitions} transitions). {error}");
        var expected = await scenario.StateOfAsync(reference);

        var random = new Random(7);
        var killedMidway = 0;
        for (var run = 0; run < 4; run++)
        {
            var path = scenario.Copy();
            // Kill after the k-th recorded transition: the worker is then somewhere in its next store write or remote call.
            var killAfter = random.Next(0, transitions);
            using (var worker = BenchWorker.Start(scenario.SyncArguments(path)))
            {
                await worker.ReadUntilAsync("ready");
                for (var seen = 0; seen < killAfter && await worker.ReadLineAsync() is { } line && !line.StartsWith("done", StringComparison.Ordinal);)
                {
                    seen++;
                }

                worker.Kill();
                killedMidway += worker.Lines.Any(l => l.StartsWith("done", StringComparison.Ordinal)) ? 0 : 1;
            }

            Assert.Equal("ok", RawSqlite.Scalar(path, "PRAGMA integrity_check"));
            var (_, rerunError) = await RunToEndAsync(scenario.SyncArguments(path));
            Assert.True(string.IsNullOrWhiteSpace(rerunError), rerunError);
            Assert.Equal(expected, await scenario.StateOfAsync(path));
        }

        Assert.True(killedMidway >= 3, $"only {killedMidway} of 4 workers were killed before they finished");
    }

    [Fact]
    public async Task Four_sync_processes_on_one_store_record_every_transition_exactly_once()
    {
        await using var scenario = await SyncScenario.StartAsync();
        var reference = scenario.Copy();
        var (transitions, _) = await RunToEndAsync(scenario.SyncArguments(reference));
        var expected = await scenario.StateOfAsync(reference);

        var shared = scenario.Copy();
        var workers = Enumerable.Range(0, 4).Select(_ => BenchWorker.Start(scenario.SyncArguments(shared, barrier: true))).ToList();
        try
        {
            foreach (var worker in workers)
            {
                await worker.ReadUntilAsync("ready");
            }

            foreach (var worker in workers)
            {
                worker.Send("go"); // All four start syncing together.
            }

            var errors = await Task.WhenAll(workers.Select(w => w.CompleteAsync()));
            Assert.All(workers, w => Assert.Equal(0, w.ExitCode));
            Assert.All(errors, e => Assert.DoesNotContain("locked", e, StringComparison.OrdinalIgnoreCase));
            Assert.All(errors, e => Assert.True(string.IsNullOrWhiteSpace(e), e));
            // Each transition was recorded by exactly one of the four (compare-and-set), and the result is a single sync's.
            Assert.Equal(transitions, workers.Sum(w => w.Lines.Count(l => l.StartsWith("{", StringComparison.Ordinal))));
            Assert.Equal(expected, await scenario.StateOfAsync(shared));
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public async Task Four_writer_processes_on_one_store_lose_no_invite_and_see_no_lock()
    {
        using var folder = new TempFolder();
        var path = folder.File("writers.db");
        const int each = 150;
        var workers = Enumerable.Range(0, 4).Select(i => BenchWorker.Start("store-writer", "--path", path, "--count", each.ToString(), "--prefix", $"w{i}")).ToList();
        try
        {
            var errors = await Task.WhenAll(workers.Select(w => w.CompleteAsync()));
            Assert.All(workers, w => Assert.Equal(0, w.ExitCode));
            Assert.All(errors, e => Assert.DoesNotContain("locked", e, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        Assert.Equal(4L * each, RawSqlite.Scalar(path, "SELECT COUNT(*) FROM invites"));
        Assert.Equal(4L * each, RawSqlite.Scalar(path, "SELECT COUNT(*) FROM invite_history"));
        using var store = SqliteRelationshipStore.Open(path, TimeProvider.System);
        var names = await store.QueryInvitesAsync(new InviteQuery()).Select(i => i.CustomerName).ToListAsync();
        Assert.Equal(4 * each, names.Distinct().Count());
        Assert.All(Enumerable.Range(0, 4), w => Assert.Equal(each, names.Count(n => n.StartsWith($"w{w} ", StringComparison.Ordinal))));
    }

    private static async Task<(int Transitions, string Error)> RunToEndAsync(string[] arguments)
    {
        using var worker = BenchWorker.Start(arguments);
        var error = await worker.CompleteAsync();
        Assert.True(worker.ExitCode == 0, $"sync worker exited {worker.ExitCode}: {error}");
        var done = worker.Lines.Single(l => l.StartsWith("done ", StringComparison.Ordinal));
        return (int.Parse(done["done ".Length..]), error);
    }
}
