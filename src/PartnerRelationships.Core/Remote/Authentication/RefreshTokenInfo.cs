using System;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Where a refresh token was stored and whose it is (never the token): what New-PartnerRelationshipRefreshToken
/// outputs, and the values to put in the configuration's auth section.
/// </summary>
public sealed record RefreshTokenInfo
{
    public required string RefreshTokenVault { get; init; }

    public required string RefreshTokenName { get; init; }

    /// <summary>The partner user who signed in and consented.</summary>
    public string? Account { get; init; }

    public required string TenantId { get; init; }

    public required string ClientId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Entra ID lets a refresh token lapse after this long unused; every run that uses it restarts the count.</summary>
    public TimeSpan ExpiresWhenUnusedFor { get; init; } = TimeSpan.FromDays(90);
}
