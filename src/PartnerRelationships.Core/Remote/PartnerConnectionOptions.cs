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
}
