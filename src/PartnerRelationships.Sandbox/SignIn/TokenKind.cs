namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>
/// Who a token speaks for: an app alone (client credentials, managed identity: <c>idtyp</c> "app", <c>roles</c>) or a
/// signed-in user through an app (device code, authorization code, refresh token: <c>idtyp</c> "user", <c>scp</c>).
/// Partner Center calls the second "App+User".
/// </summary>
public enum TokenKind
{
    AppOnly,
    AppUser,
}
