using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>What the cmdlet layer adds to the config when building a credential.</summary>
public sealed class CredentialOptions
{
    /// <summary>Used when Auth.TenantId is empty (the partner tenant from the config).</summary>
    public string? PartnerTenantId { get; set; }

    /// <summary>Shows the device-code message ("To sign in, open … and enter the code …"); required for DeviceCode.</summary>
    public Func<string, CancellationToken, Task>? DeviceCodeCallback { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Innermost handler for the sandbox token endpoint (tests pass a fake; null for the network).</summary>
    public HttpMessageHandler? SandboxTransport { get; set; }

    /// <summary>
    /// The handler every sign-in request goes through (token, devicecode, managed identity): PartnerConnection makes it
    /// the same retrying handler as the service calls, so a transient token-endpoint failure is retried, not reported
    /// as a wrong secret. Null: each library's own.
    /// </summary>
    public HttpMessageHandler? TokenTransport { get; set; }

    /// <summary>Receives each new refresh token the service hands out (RefreshToken mode); null: not persisted.</summary>
    public Action<string>? RefreshTokenRotated { get; set; }
}
