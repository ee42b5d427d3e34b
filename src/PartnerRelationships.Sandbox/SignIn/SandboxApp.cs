using System.Security.Cryptography.X509Certificates;

namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>An app registration: its client id, a secret and/or certificates (public keys) it may sign assertions with.</summary>
internal sealed class SandboxApp
{
    public SandboxApp(string clientId) => ClientId = clientId;

    public string ClientId { get; }

    public string? Secret { get; set; }

    public List<X509Certificate2> Certificates { get; } = new();
}
