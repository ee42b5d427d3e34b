using System.Net;
using System.Net.Http.Headers;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>
/// Eight workers (the compliance check's default) calling one throttled service through the real pipeline and handler
/// with the default retry settings, on a clock that moves only when every worker waits (so rates are real rates):
/// the service allows R requests a second (a bucket of one second's worth, then 429 with a whole-second Retry-After)
/// and fails 5% of the requests it lets through with 503. Before the shared limiter and the throttling-aware retry
/// budget, some call was throttled six times in a row and the run ended with RemoteThrottled.
/// </summary>
public class ThrottledServiceTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    public async Task Eight_workers_finish_every_call_and_keep_to_the_allowed_rate(int allowed)
    {
        var settings = new RetrySettings();
        var clock = new TestClock(settings.AttemptTimeout, settings.TotalTimeout, settings.BreakerSamplingDuration, settings.BreakerBreakDuration);
        var service = new ThrottledService(clock, allowed, serverErrors: 0.05);
        var limiter = new AdaptiveRateLimiter(clock);
        var pipeline = ResiliencePipelineFactory.Create(settings, clock, new Random(allowed).NextDouble);
        using var client = new HttpClient(new ResilientHttpHandler(pipeline, clock, null, limiter) { InnerHandler = service })
        {
            BaseAddress = new Uri("https://service.test/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var perWorker = allowed * 8; // about 64 seconds of the service's allowance for all eight
        var failures = new List<Exception>();
        var started = clock.GetUtcNow();

        await clock.RunAsync(Enumerable.Range(0, 8).Select(w => (Func<Task>)(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                try
                {
                    using var response = await client.GetAsync($"items/{w}/{i}");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
            }
        })).ToList());

        Assert.Empty(failures.Select(f => f.Message));
        // Every attempt the throttle let through (a 503 included) costs the allowance: that is the floor.
        var elapsed = (clock.GetUtcNow() - started).TotalSeconds;
        var floor = (service.Accepted + service.Failed) / (double)allowed;
        Assert.True(elapsed <= 1.2 * floor, $"{elapsed:0.0} s for a floor of {floor:0.0} s ({service.Throttled} × 429)");
        Assert.True(service.Throttled < 0.1 * service.Accepted, $"{service.Throttled} × 429 for {service.Accepted} accepted");
    }

    /// <summary>A token bucket of one second's worth on the fake clock; answers at once.</summary>
    private sealed class ThrottledService(TimeProvider clock, double allowed, double serverErrors) : HttpMessageHandler
    {
        private readonly object _gate = new();
        private readonly Random _random = new(7);
        private readonly double _allowed = allowed;
        private double _tokens = allowed;
        private DateTimeOffset _refilled = clock.GetUtcNow();

        public int Accepted { get; private set; }
        public int Failed { get; private set; }
        public int Throttled { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                _tokens = Math.Min(_allowed, _tokens + (now - _refilled).TotalSeconds * _allowed);
                _refilled = now;
                if (_tokens < 1)
                {
                    Throttled++;
                    var response = new HttpResponseMessage((HttpStatusCode)429);
                    response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((1 - _tokens) / _allowed))));
                    return Task.FromResult(response);
                }

                _tokens--;
                if (_random.NextDouble() < serverErrors)
                {
                    Failed++;
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
                }

                Accepted++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
            }
        }
    }
}
