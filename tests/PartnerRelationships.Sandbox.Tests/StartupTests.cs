namespace PartnerRelationships.Sandbox.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Starts_on_an_ephemeral_loopback_port()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);
        Assert.Equal($"http://127.0.0.1:{server.BaseAddress.Port}/v1.0", server.GraphBaseUrl);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5099")]
    [InlineData("http://192.168.1.10:5099")]
    [InlineData("https://127.0.0.1:5099")]
    [InlineData("not a url")]
    public async Task Refuses_anything_but_http_on_loopback(string url)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(new SandboxOptions { Url = url }));
    }

    [Fact]
    public void Command_line_flags_map_to_options()
    {
        var options = SandboxCommandLine.Parse(new[]
        {
            "--urls", "http://127.0.0.1:6000", "--customers", "10000", "--seed", "5", "--throttle-rps", "20",
            "--fault-5xx", "0.1", "--fault-drop", "0.05", "--latency-ms", "30", "--lost-create", "0.02", "--seed-file", "seed.json",
        })!;

        Assert.Equal("http://127.0.0.1:6000", options.Url);
        Assert.Equal(10_000, options.SeedCustomers);
        Assert.Equal(5, options.Seed);
        Assert.Equal("seed.json", options.SeedFile);
        Assert.Equal(new FaultSettings
        {
            ThrottleRequestsPerSecond = 20, ServerErrorProbability = 0.1, DropProbability = 0.05,
            LatencyMilliseconds = 30, LostCreateProbability = 0.02, Seed = 5,
        }, options.Faults);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--fault-5xx", "2")]
    [InlineData("--customers", "many")]
    [InlineData("--seed")]
    public void Bad_flags_are_refused(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => SandboxCommandLine.Parse(args));
    }

    [Fact]
    public void Help_returns_no_options()
    {
        Assert.Null(SandboxCommandLine.Parse(new[] { "--help" }));
    }
}
