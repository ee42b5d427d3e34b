using System;
using System.Net.Http;
using Polly;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// Per logical call state shared between <see cref="ResilientHttpHandler"/> and the pipeline's retry callback
/// (through the Polly context), so each attempt is reported exactly once together with the wait that follows it.
/// </summary>
internal sealed class RemoteCallTrace
{
    public static readonly ResiliencePropertyKey<RemoteCallTrace> Key = new("PartnerRelationships.RemoteCallTrace");

    private readonly IRemoteCallObserver? _observer;
    private readonly TimeProvider _time;
    private long _attemptStarted;
    private readonly System.Threading.CancellationToken _callerToken;
    private RemoteAttempt? _pending;

    public RemoteCallTrace(string method, string path, IRemoteCallObserver? observer, TimeProvider time, System.Threading.CancellationToken callerToken)
    {
        _callerToken = callerToken;
        Method = method;
        Path = path;
        _observer = observer;
        _time = time;
    }

    public string Method { get; }
    public string Path { get; }
    public int Attempts { get; private set; }
    public IRemoteCallObserver? Observer => _observer;

    public int BeginAttempt()
    {
        _attemptStarted = _time.GetTimestamp();
        return ++Attempts;
    }

    public void EndAttempt(HttpResponseMessage? response, Exception? failure)
    {
        _pending = new RemoteAttempt(
            Method,
            Path,
            Attempts,
            response is null ? null : (int)response.StatusCode,
            response is null ? Describe(failure, _callerToken) : null,
            _time.GetElapsedTime(_attemptStarted),
            null);
    }

    /// <summary>Called by the retry strategy: the pending attempt will be followed by another after <paramref name="delay"/>.</summary>
    public void Retrying(TimeSpan delay) => Flush(delay);

    /// <summary>Called once the pipeline is done: the pending attempt was the last.</summary>
    public void Completed() => Flush(null);

    private void Flush(TimeSpan? delay)
    {
        var pending = _pending;
        _pending = null;
        if (pending is null || _observer is null)
        {
            return;
        }

        try
        {
            _observer.OnAttempt(pending with { RetryDelay = delay });
        }
        catch
        {
            // Telemetry must never break a call.
        }
    }

    /// <summary>Inside an attempt, a cancellation the caller did not ask for is the per-attempt timeout firing.</summary>
    internal static string? Describe(Exception? failure, System.Threading.CancellationToken callerToken) => failure switch
    {
        null => null,
        Polly.Timeout.TimeoutRejectedException => "timed out",
        OperationCanceledException when !callerToken.IsCancellationRequested => "timed out",
        OperationCanceledException => "cancelled",
        HttpRequestException or System.IO.IOException => "connection failed: " + failure.GetType().Name,
        _ => failure.GetType().Name,
    };
}
