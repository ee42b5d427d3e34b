using System;
using System.IO;
using System.Net;
using System.Net.Http;
using Polly.Timeout;

namespace PartnerRelationships.Core.Resilience;

/// <summary>Which outcomes are worth another attempt, and which count against the circuit breaker.</summary>
public static class TransientFailure
{
    public static bool IsTransientStatus(HttpStatusCode status)
    {
        var code = (int)status;
        return code == 408 || code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
    }

    /// <summary>Dropped connections, resets and per-attempt timeouts.</summary>
    public static bool IsTransientException(Exception? exception) => exception switch
    {
        null => false,
        HttpRequestException => true,
        IOException => true,
        TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>Throttling means the service is up and says "slow down": it must not open the breaker.</summary>
    public static bool CountsAgainstBreaker(HttpResponseMessage? response, Exception? exception)
        => IsTransientException(exception) || (response is not null && (int)response.StatusCode != 429 && IsTransientStatus(response.StatusCode));
}
