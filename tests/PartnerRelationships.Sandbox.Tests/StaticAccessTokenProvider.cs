using Microsoft.Kiota.Abstractions.Authentication;

namespace PartnerRelationships.Sandbox.Tests;

/// <summary>Hands the Graph SDK a fixed bearer token for the loopback sandbox.</summary>
internal sealed class StaticAccessTokenProvider : IAccessTokenProvider
{
    private readonly string _token;

    public StaticAccessTokenProvider(string token) => _token = token;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new(new[] { "127.0.0.1" });

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_token);
}
