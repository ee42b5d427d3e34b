using System;
using System.Net.Http;

namespace PartnerRelationships.Core.Remote;

public sealed class PartnerConnectionOptions
{
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Makes the innermost handler of each client (tests: a fake server). Null: the platform's default.</summary>
    public Func<HttpMessageHandler>? TransportFactory { get; set; }

    /// <summary>A certificate to accept from loopback hosts only (the sandbox's HTTPS certificate), for this connection.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedLoopbackCertificate { get; set; }

    /// <summary>Jitter source in [0,1] for retry backoff; null for random.</summary>
    public Func<double>? Random { get; set; }

    /// <summary>
    /// Where the per-service, per-tenant rate limiters live. Null: the process-wide set on the system clock, or a set of
    /// this connection's own when <see cref="TimeProvider"/> is not the system clock (tests).
    /// </summary>
    public Resilience.AdaptiveRateLimiters? RateLimiters { get; set; }

    /// <summary>The partner tenant the connection calls as (names its rate limiters); set from the configuration by <see cref="PartnerConnection.Create"/>.</summary>
    public string? PartnerTenantId { get; set; }
}
