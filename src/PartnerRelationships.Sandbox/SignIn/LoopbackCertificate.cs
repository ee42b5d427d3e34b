using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>
/// The certificate the sandbox serves HTTPS with: self-signed, made at start, valid for localhost, 127.0.0.1 and ::1
/// only. Clients trust it for their own process (by pinning it), never through a machine trust store.
/// </summary>
internal static class LoopbackCertificate
{
    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=PartnerRelationships Sandbox (loopback)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        // Through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the public part (PEM) for clients to pin.</summary>
    public static void WritePublicPem(X509Certificate2 certificate, string path) => File.WriteAllText(path, certificate.ExportCertificatePem());
}
