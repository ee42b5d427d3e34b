namespace PartnerRelationships.Core.Remote.Authentication;

public enum SecretKind
{
    ClientSecret,
    AccessToken,
    CertificatePassword,
}
