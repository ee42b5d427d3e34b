using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Integration;

/// <summary>Each fault the sandbox injects, met by a real connection through the one resilience pipeline.</summary>
public class SandboxFaultTests
{
    private static async Task<int> CountRelationshipsAsync(SandboxConnection sandbox)
    {
        var count = 0;
        await foreach (var _ in sandbox.Connection.GraphGdap.ListRelationshipsAsync(new RelationshipFilter { PageSize = 5 }))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Throttled_calls_wait_as_long_as_Retry_After_says_then_succeed()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { ThrottleRequestsPerSecond = 1 }, customers: 3);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(sandbox.Server.State.Relationships.Count, await CountRelationshipsAsync(sandbox));
        }

        var throttled = sandbox.Observer.Attempts.Where(a => a.StatusCode == 429).ToList();
        Assert.NotEmpty(throttled);
        // The sandbox says "Retry-After: 1"; the backoff alone would have been 2 s.
        Assert.All(throttled, a => Assert.Equal(TimeSpan.FromSeconds(1), a.RetryDelay));
        Assert.Equal(throttled.Count, sandbox.Clock.Waits.Count(w => w == TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain(sandbox.Clock.Waits, w => w == sandbox.Backoff(0));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_reported_when_they_persist()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { ServerErrorProbability = 1 });

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => CountRelationshipsAsync(sandbox));

        Assert.Equal("RemoteServiceError", error.ErrorId);
        Assert.Contains("4 attempts", error.Message);
        var attempts = sandbox.Observer.Attempts.ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Contains(a.StatusCode, new int?[] { 500, 503 }));
        Assert.Equal(new TimeSpan?[] { sandbox.Backoff(0), sandbox.Backoff(1), sandbox.Backoff(2), null }, attempts.Select(a => a.RetryDelay));
        Assert.Equal(new[] { sandbox.Backoff(0), sandbox.Backoff(1), sandbox.Backoff(2) }, sandbox.Clock.Waits);
    }

    [Fact]
    public async Task Intermittent_server_errors_are_absorbed()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { ServerErrorProbability = 0.4, Seed = 3 }, customers: 2);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(sandbox.Server.State.Relationships.Count, await CountRelationshipsAsync(sandbox));
        }

        Assert.Contains(sandbox.Observer.Attempts, a => a.StatusCode is 500 or 503 && a.RetryDelay is not null);
    }

    [Fact]
    public async Task Dropped_connections_are_retried()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { DropProbability = 0.4, Seed = 5 }, customers: 2);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(sandbox.Server.State.Relationships.Count, await CountRelationshipsAsync(sandbox));
        }

        var dropped = sandbox.Observer.Attempts.Where(a => a.StatusCode is null).ToList();
        Assert.NotEmpty(dropped);
        Assert.All(dropped, a => Assert.StartsWith("connection failed", a.Failure));
        Assert.All(dropped, a => Assert.NotNull(a.RetryDelay));
    }

    [Fact]
    public async Task Latency_within_the_attempt_timeout_is_waited_out()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { LatencyMilliseconds = 5_000 });

        Assert.Equal(0, await CountRelationshipsAsync(sandbox));

        Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, sandbox.Clock.Waits);
        Assert.Equal(200, Assert.Single(sandbox.Observer.Attempts).StatusCode);
    }

    [Fact]
    public async Task Latency_beyond_the_attempt_timeout_times_each_attempt_out()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { LatencyMilliseconds = 15_000 });

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => CountRelationshipsAsync(sandbox));

        Assert.Equal("RemoteTimeout", error.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, error.Category);
        var attempts = sandbox.Observer.Attempts.ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("timed out", a.Failure));
        Assert.Equal(new TimeSpan?[] { sandbox.Backoff(0), sandbox.Backoff(1), sandbox.Backoff(2), null }, attempts.Select(a => a.RetryDelay));
    }

    [Fact]
    public async Task A_create_whose_response_is_lost_yields_exactly_one_relationship()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { LostCreateProbability = 1 });
        // Only the first response is lost: once the client has seen it fail, the service behaves again.
        sandbox.Connection.Observer = new ForwardingObserver(sandbox.Observer, attempt =>
        {
            if (attempt.Method == "POST" && attempt.StatusCode is null)
            {
                sandbox.Server.Faults.Settings = FaultSettings.None;
            }
        });
        var spec = new RelationshipSpec { DisplayName = "Lost create 1", Roles = new[] { BuiltInRoles.GlobalReader }, Duration = TimeSpan.FromDays(90) };

        var created = await sandbox.Connection.GraphGdap.CreateRelationshipAsync(spec);

        Assert.Equal("Lost create 1", created.DisplayName);
        var atSandbox = Assert.Single(sandbox.Server.State.Relationships, r => r.DisplayName == "Lost create 1");
        Assert.Equal(atSandbox.Id, created.Id);
        var posts = sandbox.Observer.Attempts.Where(a => a.Method == "POST").ToList();
        Assert.True(posts.Count >= 2, "the first response was lost, so the create was sent again");
        Assert.StartsWith("connection failed", posts[0].Failure);
    }
}
