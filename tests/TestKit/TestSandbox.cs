using PartnerRelationships.Sandbox;

namespace PartnerRelationships.TestKit;

/// <summary>
/// The one way xunit tests start the sandbox: in-process, on a free loopback port, on the test's clock. Injected
/// latency is a wait on that clock (an auto-advancing <see cref="TestClock"/> skips it; never a real sleep) unless the
/// test passes its own. Harnesses build on this and add their connections; <paramref name="configure"/> gets these
/// options and returns the ones to start with (copy TimeProvider and Delay across).
/// </summary>
public static class TestSandbox
{
    /// <summary>Latency that takes no time at all (nor clock time).</summary>
    public static readonly Func<TimeSpan, CancellationToken, Task> NoLatency = static (_, _) => Task.CompletedTask;

    public static SandboxOptions Options(TimeProvider clock, Func<TimeSpan, CancellationToken, Task>? latency = null) => new()
    {
        TimeProvider = clock,
        Delay = latency ?? ((delay, ct) => Task.Delay(delay, clock, ct)),
    };

    public static Task<SandboxServer> StartAsync(
        TimeProvider clock, Func<TimeSpan, CancellationToken, Task>? latency = null, Func<SandboxOptions, SandboxOptions>? configure = null)
    {
        var options = Options(clock, latency);
        return SandboxServer.StartAsync(configure is null ? options : configure(options));
    }
}
