using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>
/// Checks a certificate credential (a JWT client assertion, RFC 7523) the way Entra ID documents it: signed (RS256 or
/// PS256) by a certificate registered for the app, found by its x5t or x5t#S256 header; aud is the token endpoint;
/// iss and sub are the client id; exp and nbf hold now.
/// </summary>
internal static class ClientAssertion
{
    public const string JwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void Verify(string assertion, string clientId, IReadOnlyList<X509Certificate2> certificates, Uri tokenEndpoint, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            throw Invalid("AADSTS50027: JWT token is invalid or malformed.");
        }

        JsonElement header, payload;
        try
        {
            header = JsonDocument.Parse(JwtWriter.FromBase64Url(parts[0])).RootElement.Clone();
            payload = JsonDocument.Parse(JwtWriter.FromBase64Url(parts[1])).RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw Invalid("AADSTS50027: JWT token is invalid or malformed.");
        }

        var certificate = FindCertificate(header, certificates)
            ?? throw Invalid($"AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application '{clientId}'.");
        using var key = certificate.GetRSAPublicKey() ?? throw Invalid("AADSTS700027: The registered certificate has no RSA key.");
        var padding = Text(header, "alg") switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            var other => throw Invalid($"AADSTS5002730: The client assertion's algorithm '{other}' is not supported; use RS256 or PS256."),
        };
        if (!key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), JwtWriter.FromBase64Url(parts[2]), HashAlgorithmName.SHA256, padding))
        {
            throw Invalid("AADSTS700027: Client assertion failed signature validation.");
        }

        if (!string.Equals(Text(payload, "iss"), clientId, StringComparison.OrdinalIgnoreCase) || !string.Equals(Text(payload, "sub"), clientId, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("AADSTS700021: The client assertion's iss and sub must be the application's client id.");
        }

        var audience = Text(payload, "aud");
        if (audience is null || !string.Equals(audience.TrimEnd('/'), tokenEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"AADSTS700212: The client assertion's audience '{audience}' is not the token endpoint.");
        }

        var seconds = now.ToUnixTimeSeconds();
        if (Number(payload, "exp") is not { } exp || exp < seconds || (Number(payload, "nbf") is { } nbf && nbf > seconds + 300))
        {
            throw Invalid("AADSTS700024: Client assertion is not within its valid time range.");
        }
    }

    private static X509Certificate2? FindCertificate(JsonElement header, IReadOnlyList<X509Certificate2> certificates)
    {
        var sha1 = Text(header, "x5t");
        var sha256 = Text(header, "x5t#S256");
        foreach (var certificate in certificates)
        {
            if ((sha1 is not null && sha1 == JwtWriter.Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA1)))
                || (sha256 is not null && sha256 == JwtWriter.Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA256))))
            {
                return certificate;
            }
        }

        return null;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A NumericDate, as a JSON number or (as MSAL writes nbf and exp) a string of digits.</summary>
    private static long? Number(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt64(),
            JsonValueKind.String when long.TryParse(v.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    private static TokenRequestException Invalid(string message) => new(401, "invalid_client", message);
}
