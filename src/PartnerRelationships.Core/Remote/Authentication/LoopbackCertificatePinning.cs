using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Trusts one extra certificate (the sandbox's self-made HTTPS certificate) for loopback addresses, for this process
/// only: normal validation first, and the pinned certificate only when the host is loopback. Nothing is added to a
/// machine or user trust store.
/// </summary>
public static class LoopbackCertificatePinning
{
    /// <summary>The environment variable naming a PEM or DER file with the certificate to trust on loopback.</summary>
    public const string Variable = "PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE";

    /// <summary>The certificate named by <see cref="Variable"/>, or null when it is not set.</summary>
    public static X509Certificate2? FromEnvironment(Func<string, string?>? read = null)
    {
        var path = (read ?? Environment.GetEnvironmentVariable)(Variable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            const string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
            var start = text.IndexOf(begin, StringComparison.Ordinal);
            if (start >= 0)
            {
                start += begin.Length;
                var stop = text.IndexOf(end, start, StringComparison.Ordinal);
                bytes = Convert.FromBase64String(text.Substring(start, (stop < 0 ? text.Length : stop) - start).Trim());
            }

            return new X509Certificate2(bytes);
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new Errors.PartnerRelationshipsException(
                ErrorIds.SignIn.SandboxCertificateUnreadable,
                Errors.ErrorKind.InvalidData,
                $"The environment variable {Variable} names '{path}', which is not a readable certificate file ({ex.Message}). Point it at the PEM file the sandbox wrote (--certificate-out), or clear it.",
                path,
                ex);
        }
    }

    /// <summary>A handler that also accepts <paramref name="pinned"/> from a loopback host.</summary>
    public static HttpClientHandler CreateHandler(X509Certificate2 pinned)
    {
        if (pinned is null) throw new ArgumentNullException(nameof(pinned));
        var thumbprint = pinned.Thumbprint;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (request, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (request.RequestUri is { } uri && YamlValueReader.IsLoopback(uri)
                    && certificate is not null && string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)),
        };
    }
}
