using System;
using System.Collections.Concurrent;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// One <see cref="AdaptiveRateLimiter"/> per service and tenant, shared by every connection of the process that uses
/// the same clock: a service's limit applies to the tenant (or app) calling it, not to one client object, so two
/// cmdlets or runspaces calling the same service for the same tenant learn and respect one rate together.
/// </summary>
public sealed class AdaptiveRateLimiters
{
    private readonly ConcurrentDictionary<string, AdaptiveRateLimiter> _limiters = new(StringComparer.OrdinalIgnoreCase);

    public AdaptiveRateLimiters(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The process-wide set on the system clock.</summary>
    public static AdaptiveRateLimiters Shared { get; } = new(TimeProvider.System);

    public TimeProvider TimeProvider { get; }

    /// <param name="service">Any address of the service: its scheme and host name the limiter (Graph and Partner Center are limited separately).</param>
    /// <param name="tenant">The partner tenant calling it (null when not known: one shared limiter per service).</param>
    public AdaptiveRateLimiter For(Uri service, string? tenant)
    {
        if (service is null) throw new ArgumentNullException(nameof(service));
        var key = service.GetLeftPart(UriPartial.Authority) + "|" + (string.IsNullOrWhiteSpace(tenant) ? "*" : tenant!.Trim());
        return _limiters.GetOrAdd(key, _ => new AdaptiveRateLimiter(TimeProvider));
    }
}
