using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox;

/// <summary>How a sandbox starts.</summary>
public sealed class SandboxOptions
{
    /// <summary>Where Kestrel listens; must be loopback. Port 0 picks a free port.</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>Also serve HTTPS here (loopback only; port 0 picks one) with a self-made certificate; null: HTTP only.</summary>
    public string? HttpsUrl { get; init; }

    /// <summary>Where to write the HTTPS certificate's public part (PEM), so clients can pin it.</summary>
    public string? CertificateOutputPath { get; init; }

    /// <summary>The clock underneath the sandbox clock: real time by default, a FakeTimeProvider in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Sandbox time at start; null = the underlying clock's now.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The partner's own tenant (token issuer, contracts owner).</summary>
    public string PartnerTenantId { get; init; } = "6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c";

    /// <summary>The partner's Partner Center / MPN id (never in the direct reseller link, whose partnerId is the tenant id).</summary>
    public string PartnerId { get; init; } = "1234567";

    /// <summary>
    /// Indirect resellers the partner (an indirect provider) has a relationship with besides those attached to
    /// customers: the support contacts a subscription may name.
    /// </summary>
    public IList<SandboxIndirectReseller> IndirectResellers { get; init; } = new List<SandboxIndirectReseller>
    {
        new("7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b", "7654321", "Tailspin Reseller"),
    };

    /// <summary>App registrations accepted by the token endpoint (client id → secret); certificates are added through /_sandbox/apps.</summary>
    public IDictionary<string, string> Apps { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["00000000-0000-0000-0000-00000000a11c"] = "sandbox-secret",
    };

    /// <summary>
    /// Bearer tokens always accepted without a token request (handy for curl and quick tests): the partner admin's,
    /// so App+User (tokens from client credentials or managed identity are app-only).
    /// </summary>
    public IList<string> StaticTokens { get; init; } = new List<string> { "sandbox-token" };

    /// <summary>Lifetime of issued tokens, on the sandbox clock.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long pending work (access assignments, terminations) takes on the sandbox clock; any clock advance also completes it.</summary>
    public TimeSpan PendingWorkDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Access assignments per page without $top (the list is paged: delegatedadminrelationship-list-accessassignments).</summary>
    public int AccessAssignmentPageSize { get; init; } = 100;

    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>Seed this many generated customers at start.</summary>
    public int SeedCustomers { get; init; }

    /// <summary>Seed of the generated customers.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A JSON seed file (see README) loaded at start.</summary>
    public string? SeedFile { get; init; }

    /// <summary>How injected latency waits. Tests replace it so they never sleep.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (d, ct) => Task.Delay(d, ct);

    /// <summary>Log requests to the console (the executable turns this on).</summary>
    public bool LogRequests { get; init; }
}
