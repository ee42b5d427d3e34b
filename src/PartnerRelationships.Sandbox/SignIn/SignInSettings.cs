namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>How the sandbox's sign-in behaves; changed at run time through PUT /_sandbox/signin.</summary>
public sealed record SignInSettings
{
    /// <summary>The polling interval the device-code answer asks for (Entra says 5 seconds; tests use 0).</summary>
    public int DeviceCodeIntervalSeconds { get; init; } = 5;

    /// <summary>The "user" approves a device code after this many polls (0: at the first); -1: only through the control.</summary>
    public int DeviceCodeApproveAfterPolls { get; init; } = 1;

    /// <summary>A redeemed refresh token stops working (the new one must be used): shows whether rotation is persisted.</summary>
    public bool SingleUseRefreshTokens { get; init; }

    /// <summary>Entra's refresh tokens expire after 90 days without use.</summary>
    public TimeSpan RefreshTokenMaxInactive { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The secret the managed-identity endpoint expects in X-IDENTITY-HEADER (App Service's IDENTITY_HEADER).</summary>
    public string IdentityHeader { get; init; } = "sandbox-identity-header";

    /// <summary>The partner admin who signs in on every delegated flow.</summary>
    public string UserPrincipalName { get; init; } = "admin@fabrikam-partner.example";

    public string UserObjectId { get; init; } = "5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d";

    /// <summary>The system-assigned managed identity's client (app) id.</summary>
    public string ManagedIdentityClientId { get; init; } = "00000000-0000-0000-0000-0000000000a1";
}
