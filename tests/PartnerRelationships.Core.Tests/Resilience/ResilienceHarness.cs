using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>An HttpClient over the real pipeline and handler, a fake server and a fake clock.</summary>
public sealed class ResilienceHarness : IDisposable
{
    public static readonly Func<TimeSpan, bool> RetryWait = d => d > TimeSpan.Zero && d < TimeSpan.FromSeconds(60);

    public ResilienceHarness(RetrySettings? settings = null)
    {
        Settings = settings ?? new RetrySettings
        {
            MaxAttempts = 4,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            AttemptTimeout = TimeSpan.FromSeconds(100),
            TotalTimeout = TimeSpan.FromMinutes(5),
        };
        Pipeline = ResiliencePipelineFactory.Create(Settings, Clock, () => 0.5);
        Handler = new ResilientHttpHandler(Pipeline, Clock, () => Observer) { InnerHandler = Server };
        Client = new HttpClient(Handler) { BaseAddress = new Uri("https://service.test/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public RetrySettings Settings { get; }
    public TestClock Clock { get; } = new();
    public ScriptedHandler Server { get; } = new();
    public RecordingObserver Observer { get; } = new();
    public Polly.ResiliencePipeline<HttpResponseMessage> Pipeline { get; }
    public ResilientHttpHandler Handler { get; }
    public HttpClient Client { get; }

    /// <summary>Sends, advancing the fake clock through every retry wait; returns the response and the waits.</summary>
    public async Task<(HttpResponseMessage Response, List<TimeSpan> Waits)> SendAsync(Func<HttpClient, Task<HttpResponseMessage>> send, Func<TimeSpan, bool>? waits = null)
    {
        var task = send(Client);
        var seen = await Clock.DriveAsync(task, waits ?? RetryWait);
        return (await task, seen);
    }

    public async Task<(Exception Error, List<TimeSpan> Waits)> FailAsync(Func<HttpClient, Task<HttpResponseMessage>> send, Func<TimeSpan, bool>? waits = null)
    {
        var task = send(Client);
        var seen = await Clock.DriveAsync(task, waits ?? RetryWait);
        var error = await Record.ExceptionAsync(() => task);
        Assert.NotNull(error);
        return (error!, seen);
    }

    public void Dispose() => Client.Dispose();
}
