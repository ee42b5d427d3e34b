using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.SignIn;

/// <summary>
/// Signs the sandbox's tokens (RS256 with a key made at start, published at discovery/v2.0/keys), so clients that read
/// claims see real JWTs. The sandbox still recognises its tokens by a registry, not by the signature.
/// </summary>
internal sealed class JwtWriter : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public string KeyId { get; } = Base64Url(RandomNumberGenerator.GetBytes(12));

    public string Write(JsonObject claims)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = KeyId };
        var signed = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    /// <summary>The JWKS document: the public half of the signing key.</summary>
    public JsonObject Keys()
    {
        var p = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64Url(p.Modulus!),
                ["e"] = Base64Url(p.Exponent!),
            }),
        };
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    public void Dispose() => _key.Dispose();
}
