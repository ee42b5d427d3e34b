using System.Net;
using System.Net.Http.Headers;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>
/// How <c>ResilientHttpHandler</c> reads a response: once, inside the attempt, into small segments that replace its
/// content (none on the large-object heap; no copies for the caller to make again), and only the accepted attempt's
/// response reaches the caller.
/// </summary>
public class ResponseBufferingTests
{
    private const int LargeBody = 3 * 1024 * 1024;

    [Fact]
    public async Task A_large_body_is_read_from_the_service_once_and_handed_over_in_segments_below_the_large_object_heap()
    {
        using var harness = new ResilienceHarness();
        var body = Body(LargeBody, seed: 1);
        var served = new NetworkContent(body);
        harness.Server.Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = served }));

        var (response, _) = await harness.SendAsync(c => c.GetAsync("v1/pages/1", HttpCompletionOption.ResponseHeadersRead));

        var segmented = Assert.IsType<SegmentedBodyContent>(response.Content);
        Assert.All(segmented.SegmentArrayLengths, length => Assert.True(length < 85_000, $"a segment of {length} bytes"));
        Assert.Equal(1, served.Reads);
        Assert.True(served.Disposed); // the connection's content is done with once read
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(LargeBody, response.Content.Headers.ContentLength);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            var read = new MemoryStream();
            await stream.CopyToAsync(read);
            Assert.Equal(body, read.ToArray());
        }

        Assert.Equal(1, served.Reads); // the caller's reads came from the buffer, not the connection
    }

    [Fact]
    public async Task A_body_dropped_midway_is_retried_and_the_caller_gets_the_next_response_whole()
    {
        using var harness = new ResilienceHarness();
        var dropped = new NetworkContent(Body(LargeBody, seed: 2), failAfterBytes: LargeBody / 2);
        var second = Body(LargeBody, seed: 3);
        var fresh = new NetworkContent(second);
        harness.Server
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = dropped }))
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = fresh }));

        var (response, waits) = await harness.SendAsync(c => c.GetAsync("v1/pages/2"));

        Assert.Equal(2, harness.Server.Received.Count);
        Assert.Single(waits);
        Assert.Equal(1, fresh.Reads);
        Assert.Equal(second, await response.Content.ReadAsByteArrayAsync());
        Assert.True(dropped.Disposed);
        var attempts = harness.Observer.Attempts.ToList();
        Assert.StartsWith("connection failed", attempts[0].Failure);
        Assert.Equal(200, attempts[1].StatusCode);
    }

    [Fact]
    public async Task A_body_that_stalls_midway_is_cut_off_by_the_attempt_timeout_and_retried()
    {
        using var harness = new ResilienceHarness(new RetrySettings { MaxAttempts = 3, AttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromMinutes(5) });
        var stalled = new NetworkContent(Body(LargeBody, seed: 5), stallAfterBytes: LargeBody / 2);
        var body = Body(LargeBody, seed: 6);
        harness.Server
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = stalled }))
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new NetworkContent(body) }));

        var task = harness.Client.GetAsync("v1/pages/4");
        Assert.Equal(TimeSpan.FromSeconds(20), await harness.Clock.NextTimerAsync(d => d == TimeSpan.FromSeconds(20), task));
        await stalled.Stalled;
        harness.Clock.Advance(TimeSpan.FromSeconds(20));
        await harness.Clock.DriveAsync(task, d => d < TimeSpan.FromSeconds(20));
        var response = await task;

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, harness.Server.Received.Count);
        Assert.True(stalled.Disposed);
        Assert.Equal("timed out", harness.Observer.Attempts.First().Failure);
    }

    [Fact]
    public async Task A_throttled_answer_is_not_what_the_caller_reads_after_the_retry()
    {
        using var harness = new ResilienceHarness();
        var throttled = new NetworkContent("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}"u8.ToArray());
        var body = Body(LargeBody, seed: 4);
        var accepted = new NetworkContent(body);
        harness.Server
            .Then((_, _) => Task.FromResult(new HttpResponseMessage((HttpStatusCode)429) { Content = throttled }))
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = accepted }));

        var (response, _) = await harness.SendAsync(c => c.GetAsync("v1/pages/3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.True(throttled.Disposed);
        Assert.Equal(1, accepted.Reads);
    }

    [Fact]
    public async Task A_traced_response_body_is_the_body_the_caller_reads()
    {
        using var harness = new ResilienceHarness();
        const string json = "{\"value\":[{\"id\":\"a\"}],\"refresh_token\":\"RT-SECRET\"}";
        var served = new NetworkContent(System.Text.Encoding.UTF8.GetBytes(json));
        harness.Server.Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = served }));

        var (response, _) = await harness.SendAsync(c => c.GetAsync("v1/things"));

        Assert.Equal(json, await response.Content.ReadAsStringAsync());
        var traced = Assert.Single(harness.Observer.Bodies, b => b.Direction == RemoteBodyDirection.Response);
        Assert.Contains("\"value\"", traced.Body);
        Assert.DoesNotContain("RT-SECRET", traced.Body);
        Assert.Equal(1, served.Reads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_096)]
    [InlineData(4_097)]
    [InlineData(215_769)] // a relationship page of 300 ($top=300) from the sandbox
    public async Task A_body_of_unknown_length_reads_back_whole_from_any_position(int length)
    {
        using var harness = new ResilienceHarness();
        var body = Body(length, seed: length);
        harness.Server.Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new NetworkContent(body, lengthKnown: false) }));

        var (response, _) = await harness.SendAsync(c => c.GetAsync("v1/pages/5", HttpCompletionOption.ResponseHeadersRead));

        var segmented = Assert.IsType<SegmentedBodyContent>(response.Content);
        Assert.All(segmented.SegmentArrayLengths, size => Assert.True(size < 85_000, $"a segment of {size} bytes"));
        Assert.Equal(length, response.Content.Headers.ContentLength);
        await using var stream = await response.Content.ReadAsStreamAsync();
        Assert.True(stream.CanSeek);
        Assert.Equal(length, stream.Length);
        var whole = new MemoryStream();
        await stream.CopyToAsync(whole);
        Assert.Equal(body, whole.ToArray());
        if (length > 1)
        {
            stream.Position = length / 2;
            var rest = new byte[length - length / 2];
            Assert.Equal(rest.Length, await stream.ReadAsync(rest));
            Assert.Equal(body[(length / 2)..], rest);
            Assert.Equal(0, await stream.ReadAsync(new byte[1]));
        }

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Body(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A body that, like a connection, can be read once, optionally dropping partway.</summary>
    private sealed class NetworkContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly int _failAfterBytes;
        private readonly int _stallAfterBytes;
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly bool _lengthKnown;

        /// <param name="lengthKnown">False: no Content-Length (a chunked answer, as the sandbox's and many services' are).</param>
        public NetworkContent(byte[] body, int failAfterBytes = -1, int stallAfterBytes = -1, bool lengthKnown = true)
        {
            _body = body;
            _lengthKnown = lengthKnown;
            _failAfterBytes = failAfterBytes;
            _stallAfterBytes = stallAfterBytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public int Reads { get; private set; }
        public bool Disposed { get; private set; }

        /// <summary>Completes when the body has stopped arriving (it resumes never; disposing aborts it, as a connection's would).</summary>
        public Task Stalled => _stalled.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            if (++Reads > 1)
            {
                throw new InvalidOperationException("The connection's body was read twice.");
            }

            const int chunk = 64 * 1024;
            for (var offset = 0; offset < _body.Length; offset += chunk)
            {
                if (_failAfterBytes >= 0 && offset >= _failAfterBytes)
                {
                    throw new IOException("the connection was dropped mid-body");
                }

                if (_stallAfterBytes >= 0 && offset >= _stallAfterBytes)
                {
                    _stalled.TrySetResult();
                    await _aborted.Task;
                }

                await stream.WriteAsync(_body.AsMemory(offset, Math.Min(chunk, _body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return _lengthKnown;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            _aborted.TrySetException(new ObjectDisposedException(nameof(NetworkContent)));
            base.Dispose(disposing);
        }
    }
}
