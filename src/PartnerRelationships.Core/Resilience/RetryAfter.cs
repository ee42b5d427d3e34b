using System;
using System.Net.Http;

namespace PartnerRelationships.Core.Resilience;

/// <summary>Reads the server's Retry-After header, in either of its two forms.</summary>
public static class RetryAfter
{
    /// <summary>The wait the server asked for, or null when it asked for none. Never negative.</summary>
    public static TimeSpan? From(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is DateTimeOffset date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
