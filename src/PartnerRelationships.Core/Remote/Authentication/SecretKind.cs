namespace PartnerRelationships.Core.Remote.Authentication;

public enum SecretKind
{
    ClientSecret,
    AccessToken,
    CertificatePassword,

    /// <summary>A partner admin's refresh token (RefreshToken mode).</summary>
    RefreshToken,
}
