using System.Net;

namespace PartnerRelationships.Benchmarks;

/// <summary>The innermost handler of a client: counts every attempt that reaches the wire, 429s and failures apart.</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _requests;
    private int _throttled;
    private int _failed;
    private readonly RequestTimeline? _timeline;

    public CountingHandler(RequestTimeline? timeline = null)
        : base(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        _timeline = timeline;
    }

    /// <summary>Every attempt sent, throttled ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Attempts answered 429 (the pipeline retried them).</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Attempts answered with another error status or no response at all.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Attempts the service accepted: what the throttle's floor is computed from.</summary>
    public int Accepted => Requests - Throttled - Failed;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _timeline?.Record(throttled: response.StatusCode == HttpStatusCode.TooManyRequests);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _throttled);
            }
            else if ((int)response.StatusCode >= 500)
            {
                Interlocked.Increment(ref _failed);
            }

            return response;
        }
        catch
        {
            Interlocked.Increment(ref _failed);
            throw;
        }
    }
}
