using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Resilience;

public class ResilientHttpHandlerTests
{
    private const string Ok = "{\"ok\":true}";

    public static TheoryData<string> FaultModes => new() { "429", "408", "500", "502", "503", "504", "HttpRequestException", "IOException" };

    private static ScriptedHandler Fault(ScriptedHandler server, string mode) => mode switch
    {
        "HttpRequestException" => server.ThenThrow(new HttpRequestException("connection reset")),
        "IOException" => server.ThenThrow(new IOException("the connection was dropped")),
        _ => server.ThenStatus((HttpStatusCode)int.Parse(mode), "{\"error\":{\"code\":\"x\",\"message\":\"transient\"}}"),
    };

    [Theory]
    [MemberData(nameof(FaultModes))]
    public async Task Each_fault_mode_is_retried_then_succeeds(string mode)
    {
        using var harness = new ResilienceHarness();
        Fault(Fault(harness.Server, mode), mode).ThenStatus(HttpStatusCode.OK, Ok);

        var (response, waits) = await harness.SendAsync(c => c.GetAsync("v1/things"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Ok, await response.Content.ReadAsStringAsync());
        Assert.Equal(3, harness.Server.Received.Count);
        Assert.Equal(2, waits.Count);
        var attempts = harness.Observer.Attempts.ToList();
        Assert.Equal(new[] { 1, 2, 3 }, attempts.Select(a => a.Attempt));
        Assert.NotNull(attempts[0].RetryDelay);
        Assert.NotNull(attempts[1].RetryDelay);
        Assert.Null(attempts[2].RetryDelay);
        Assert.Equal(200, attempts[2].StatusCode);
        Assert.All(attempts, a => Assert.Equal("/v1/things", a.Path));
    }

    [Fact]
    public async Task Backoff_grows_exponentially_within_base_and_max_delay()
    {
        using var harness = new ResilienceHarness(new RetrySettings
        {
            MaxAttempts = 6, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10),
        });
        for (var i = 0; i < 5; i++) harness.Server.ThenStatus(HttpStatusCode.ServiceUnavailable);
        harness.Server.ThenStatus(HttpStatusCode.OK, Ok);

        var (_, waits) = await harness.SendAsync(c => c.GetAsync("x"));

        // random = 0.5 → 75% of min(max, base·2^n), never below base.
        Assert.Equal(new[] { 2.0, 3.0, 6.0, 7.5, 7.5 }, waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task Retry_after_delta_seconds_is_honoured()
    {
        using var harness = new ResilienceHarness();
        harness.Server
            .ThenStatus((HttpStatusCode)429, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .ThenStatus(HttpStatusCode.OK, Ok);

        var task = harness.Client.GetAsync("x");
        var wait = await harness.Clock.NextTimerAsync(ResilienceHarness.RetryWait, task);
        Assert.Equal(TimeSpan.FromSeconds(7), wait);

        harness.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Single(harness.Server.Received); // not retried early
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await task;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), harness.Observer.Attempts.First().RetryDelay);
    }

    [Fact]
    public async Task Retry_after_http_date_is_honoured()
    {
        using var harness = new ResilienceHarness();
        var at = harness.Clock.GetUtcNow().AddSeconds(12);
        harness.Server
            .ThenStatus(HttpStatusCode.ServiceUnavailable, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(at))
            .ThenStatus(HttpStatusCode.OK, Ok);

        var (response, waits) = await harness.SendAsync(c => c.GetAsync("x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { TimeSpan.FromSeconds(12) }, waits);
    }

    [Fact]
    public async Task Gives_up_after_max_attempts_with_a_clear_error()
    {
        using var harness = new ResilienceHarness();
        for (var i = 0; i < 4; i++) harness.Server.ThenStatus(HttpStatusCode.ServiceUnavailable, "{\"error\":{\"code\":\"serviceUnavailable\",\"message\":\"Backend is down.\"}}");

        var (error, waits) = await harness.FailAsync(c => c.GetAsync("v1/things"));

        var ex = Assert.IsType<PartnerRelationshipsException>(error);
        Assert.Equal("RemoteServiceError", ex.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, ex.Category);
        Assert.Contains("4 attempts", ex.Message);
        Assert.Contains("Backend is down.", ex.Message);
        Assert.Equal(4, harness.Server.Received.Count);
        Assert.Equal(3, waits.Count);
    }

    [Fact]
    public async Task Throttling_that_never_ends_is_reported_as_throttling_once_the_total_timeout_is_spent()
    {
        // 429 + "Retry-After: 20" for ever: the call keeps waiting (throttling does not use up MaxAttempts = 4) until
        // the next wait would end past Retry.TotalTimeout (5 minutes), then says it was throttled, not that it timed out.
        using var harness = new ResilienceHarness();
        for (var i = 0; i < 40; i++) harness.Server.ThenStatus((HttpStatusCode)429, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(20)));

        var (error, waits) = await harness.FailAsync(c => c.GetAsync("x"));

        Assert.Equal("RemoteThrottled", Assert.IsType<PartnerRelationshipsException>(error).ErrorId);
        Assert.Equal(14, waits.Count(w => w == TimeSpan.FromSeconds(20))); // 15 attempts: 14 × 20 s = 280 s; one more would end at 300 s
        Assert.Equal(15, harness.Server.Received.Count);
    }

    [Fact]
    public async Task Throttled_attempts_do_not_use_up_the_attempts_failures_get()
    {
        // Before: 429s counted as failed attempts, so a call throttled a few times died although the service was up.
        using var harness = new ResilienceHarness();
        for (var i = 0; i < 6; i++) harness.Server.ThenStatus((HttpStatusCode)429, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)));
        for (var i = 0; i < 3; i++) harness.Server.ThenStatus(HttpStatusCode.ServiceUnavailable);
        harness.Server.ThenStatus(HttpStatusCode.OK, Ok);

        var (response, _) = await harness.SendAsync(c => c.GetAsync("x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, harness.Server.Received.Count);
    }

    [Fact]
    public async Task Failures_still_get_max_attempts_when_throttling_came_between_them()
    {
        using var harness = new ResilienceHarness();
        harness.Server.ThenStatus(HttpStatusCode.ServiceUnavailable).ThenStatus((HttpStatusCode)429).ThenStatus(HttpStatusCode.ServiceUnavailable)
            .ThenStatus(HttpStatusCode.ServiceUnavailable).ThenStatus(HttpStatusCode.ServiceUnavailable);

        var (error, _) = await harness.FailAsync(c => c.GetAsync("x"));

        Assert.Equal("RemoteServiceError", Assert.IsType<PartnerRelationshipsException>(error).ErrorId);
        Assert.Equal(5, harness.Server.Received.Count); // 4 failures (MaxAttempts) and the 429 between them
    }

    [Fact]
    public async Task Dropped_connections_that_never_recover_give_a_connection_error()
    {
        using var harness = new ResilienceHarness();
        for (var i = 0; i < 4; i++) harness.Server.ThenThrow(new HttpRequestException("reset"));

        var (error, _) = await harness.FailAsync(c => c.GetAsync("x"));

        var ex = Assert.IsType<PartnerRelationshipsException>(error);
        Assert.Equal("RemoteConnectionFailed", ex.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, ex.Category);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task Client_errors_are_not_retried(HttpStatusCode status)
    {
        using var harness = new ResilienceHarness();
        harness.Server.ThenStatus(status, "{}");

        var response = await harness.Client.GetAsync("x");

        Assert.Equal(status, response.StatusCode);
        Assert.Single(harness.Server.Received);
        Assert.DoesNotContain(harness.Clock.Timers, t => ResilienceHarness.RetryWait(t));
    }

    [Fact]
    public async Task Request_body_and_headers_are_resent_intact()
    {
        using var harness = new ResilienceHarness();
        harness.Server
            .ThenThrow(new IOException("dropped"))
            .ThenStatus(HttpStatusCode.InternalServerError)
            .ThenStatus(HttpStatusCode.Created, Ok);
        const string body = "{\"displayName\":\"Contoso – ünïcode\",\"duration\":\"P730D\"}";

        var (response, _) = await harness.SendAsync(c =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v1/things") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("MS-RequestId", "req-1");
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"etag-1\"", true));
            return c.SendAsync(request);
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, harness.Server.Received.Count);
        Assert.All(harness.Server.Received, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal(body, r.Body);
            Assert.StartsWith("application/json", r.ContentType);
            Assert.Equal("req-1", r.Headers["MS-RequestId"]);
            Assert.Equal("W/\"etag-1\"", r.Headers["If-Match"]);
        });
    }

    [Fact]
    public async Task Per_attempt_timeout_cancels_the_attempt_and_retries()
    {
        using var harness = new ResilienceHarness(new RetrySettings { MaxAttempts = 3, AttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromMinutes(5) });
        harness.Server.ThenHang().ThenStatus(HttpStatusCode.OK, Ok);

        var task = harness.Client.GetAsync("x");
        Assert.Equal(TimeSpan.FromSeconds(20), await harness.Clock.NextTimerAsync(d => d == TimeSpan.FromSeconds(20), task));
        harness.Clock.Advance(TimeSpan.FromSeconds(20));
        await harness.Clock.DriveAsync(task, d => d < TimeSpan.FromSeconds(20));
        var response = await task;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, harness.Server.Received.Count);
        Assert.Equal("timed out", harness.Observer.Attempts.First().Failure);
    }

    [Fact]
    public async Task Total_timeout_ends_the_call_with_a_timeout_error()
    {
        using var harness = new ResilienceHarness(new RetrySettings { MaxAttempts = 10, AttemptTimeout = TimeSpan.FromSeconds(100), TotalTimeout = TimeSpan.FromSeconds(45) });
        harness.Server.ThenHang();

        var task = harness.Client.GetAsync("x");
        await harness.Clock.NextTimerAsync(d => d == TimeSpan.FromSeconds(45), task);
        harness.Clock.Advance(TimeSpan.FromSeconds(45));
        var error = await Record.ExceptionAsync(() => task);

        var ex = Assert.IsType<PartnerRelationshipsException>(error);
        Assert.Equal("RemoteTimeout", ex.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, ex.Category);
        Assert.Contains("45 seconds", ex.Message);
        Assert.Single(harness.Server.Received);
    }

    [Fact]
    public async Task Circuit_breaker_opens_after_failures_and_closes_after_the_break()
    {
        using var harness = new ResilienceHarness(new RetrySettings
        {
            MaxAttempts = 1,
            BreakerFailureRatio = 0.5,
            BreakerMinimumThroughput = 2,
            BreakerSamplingDuration = TimeSpan.FromSeconds(30),
            BreakerBreakDuration = TimeSpan.FromSeconds(60),
        });
        harness.Server.ThenStatus(HttpStatusCode.InternalServerError).ThenStatus(HttpStatusCode.BadGateway).ThenStatus(HttpStatusCode.OK, Ok);

        Assert.Equal("RemoteServiceError", (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => harness.Client.GetAsync("x"))).ErrorId);
        Assert.Equal("RemoteServiceError", (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => harness.Client.GetAsync("x"))).ErrorId);

        // Open: fails fast, without reaching the server.
        var open = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => harness.Client.GetAsync("x"));
        Assert.Equal("ServiceUnavailable", open.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, open.Category);
        Assert.Contains("failed repeatedly; try again after 10:01:00 UTC", open.Message);
        Assert.Equal(2, harness.Server.Received.Count);

        harness.Clock.Advance(TimeSpan.FromSeconds(59));
        await Assert.ThrowsAsync<PartnerRelationshipsException>(() => harness.Client.GetAsync("x"));
        Assert.Equal(2, harness.Server.Received.Count);

        // After the break a trial call goes through; it succeeds, so the circuit closes.
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await harness.Client.GetAsync("x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        harness.Server.ThenStatus(HttpStatusCode.OK, Ok);
        Assert.Equal(HttpStatusCode.OK, (await harness.Client.GetAsync("x")).StatusCode);
        Assert.Equal(4, harness.Server.Received.Count);
    }

    [Fact]
    public async Task Throttling_does_not_open_the_circuit()
    {
        using var harness = new ResilienceHarness(new RetrySettings { MaxAttempts = 1, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5 });
        for (var i = 0; i < 4; i++) harness.Server.ThenStatus((HttpStatusCode)429);
        harness.Server.ThenStatus(HttpStatusCode.OK, Ok);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("RemoteThrottled", (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => harness.Client.GetAsync("x"))).ErrorId);
        }

        Assert.Equal(HttpStatusCode.OK, (await harness.Client.GetAsync("x")).StatusCode);
    }

    [Fact]
    public async Task Cancellation_by_the_user_stops_a_waiting_call_promptly()
    {
        using var harness = new ResilienceHarness();
        harness.Server.ThenStatus((HttpStatusCode)429, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)));
        using var cts = new CancellationTokenSource();

        var task = harness.Client.GetAsync("x", cts.Token);
        await harness.Clock.NextTimerAsync(ResilienceHarness.RetryWait, task);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Single(harness.Server.Received);
    }

    [Fact]
    public async Task Retried_responses_are_disposed()
    {
        using var harness = new ResilienceHarness();
        var first = new TrackingContent("{}");
        harness.Server.Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = first }))
            .ThenStatus(HttpStatusCode.OK, Ok);

        await harness.SendAsync(c => c.GetAsync("x"));

        Assert.True(first.Disposed);
    }

    [Fact]
    public void Invalid_retry_settings_get_a_config_error_not_a_polly_one()
    {
        var ex = Assert.Throws<PartnerRelationshipsException>(() =>
            PartnerRelationships.Core.Resilience.ResiliencePipelineFactory.Create(new RetrySettings { BreakerMinimumThroughput = 1 }, TimeProvider.System));
        Assert.Equal("InvalidRetrySettings", ex.ErrorId);
        Assert.Equal("Retry.BreakerMinimumThroughput", ex.Target);
    }

    private sealed class TrackingContent(string text) : StringContent(text)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
