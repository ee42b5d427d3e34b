using System;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// What Connect-PartnerRelationship reports about a session: who is signed in where. Never a token or secret, so it
/// is safe to print, log or serialise.
/// </summary>
public sealed record PartnerConnectionInfo
{
    /// <summary>The tenant signed in to (from the token when it says, else the configuration).</summary>
    public string? TenantId { get; init; }

    public required CloudEnvironment Environment { get; init; }

    public required AuthMode AuthMode { get; init; }

    /// <summary>The app registration (app-only and delegated sign-in with a named client).</summary>
    public string? ClientId { get; init; }

    /// <summary>The signed-in user, when the sign-in was delegated and the token names one.</summary>
    public string? Account { get; init; }

    /// <summary>AppOnly (the app alone) or AppUser (a partner user through the app): some Partner Center calls need AppUser.</summary>
    public Authentication.SignInKind SignInKind { get; init; }

    public required Uri GraphEndpoint { get; init; }

    public required Uri PartnerCenterEndpoint { get; init; }

    public bool IsSandbox { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    /// <summary>True when the connection was made from the configuration by a cmdlet, without Connect-PartnerRelationship.</summary>
    public bool FromConfiguration { get; init; }

    /// <summary>The session's description before any token is seen: everything from the configuration.</summary>
    public static PartnerConnectionInfo Describe(CloudEndpoints endpoints, AuthSettings auth, string? partnerTenantId, DateTimeOffset connectedAt, AccessTokenClaims? claims = null)
    {
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        if (auth is null) throw new ArgumentNullException(nameof(auth));
        return new PartnerConnectionInfo
        {
            TenantId = FirstNonEmpty(claims?.TenantId, auth.TenantId, partnerTenantId),
            Environment = endpoints.Cloud,
            AuthMode = auth.Mode,
            ClientId = FirstNonEmpty(claims?.ClientId, auth.Mode == AuthMode.ManagedIdentity ? auth.ManagedIdentityClientId : auth.ClientId),
            Account = claims?.Account,
            SignInKind = claims is { Kind: not Authentication.SignInKind.Unknown } ? claims.Kind : Authentication.SignInKinds.Of(auth.Mode),
            GraphEndpoint = endpoints.Graph,
            PartnerCenterEndpoint = endpoints.PartnerCenter,
            IsSandbox = endpoints.IsSandbox,
            ConnectedAt = connectedAt,
        };
    }

    private static string? FirstNonEmpty(params string?[] values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value)) return value;
        }

        return null;
    }
}
