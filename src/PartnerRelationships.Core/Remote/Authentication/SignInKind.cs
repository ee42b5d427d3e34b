using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Whom the tokens speak for: the app alone (client secret, certificate, managed identity) or a partner user through
/// the app ("App+User": device code, interactive, refresh token). A given access token is whatever its claims say.
/// </summary>
public enum SignInKind
{
    Unknown,
    AppOnly,
    AppUser,
}

public static class SignInKinds
{
    public static SignInKind Of(AuthMode mode) => mode switch
    {
        AuthMode.ClientSecret or AuthMode.Certificate or AuthMode.ManagedIdentity => SignInKind.AppOnly,
        AuthMode.Interactive or AuthMode.DeviceCode or AuthMode.RefreshToken => SignInKind.AppUser,
        _ => SignInKind.Unknown,
    };
}
