using System;

namespace PartnerRelationships.Core.Resilience;

/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query of the request (no host, never a secret).</param>
/// <param name="Attempt">1 for the first try.</param>
/// <param name="StatusCode">HTTP status, or null when the attempt failed without a response.</param>
/// <param name="Failure">Why the attempt failed without a response (e.g. "timed out", "connection dropped").</param>
/// <param name="Elapsed">Time the attempt took.</param>
/// <param name="RetryDelay">The wait before the next attempt; null when this attempt was the last.</param>
public sealed record RemoteAttempt(
    string Method,
    string Path,
    int Attempt,
    int? StatusCode,
    string? Failure,
    TimeSpan Elapsed,
    TimeSpan? RetryDelay)
{
    public override string ToString()
    {
        var outcome = StatusCode is int status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : Failure ?? "no response";
        var retry = RetryDelay is TimeSpan delay ? $", retrying in {delay.TotalSeconds:0.###}s" : "";
        return $"{Method} {Path} -> {outcome} (attempt {Attempt}, {Elapsed.TotalMilliseconds:0} ms{retry})";
    }
}
