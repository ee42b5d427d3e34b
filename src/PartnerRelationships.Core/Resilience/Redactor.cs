using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// Removes secrets and tokens from anything that may reach an output stream: headers, JSON and form bodies.
/// Errs on the side of redacting too much.
/// </summary>
public static class Redactor
{
    public const string Mask = "***";

    private static readonly string[] SecretFieldNames =
    {
        "access_token", "refresh_token", "id_token", "client_secret", "client_assertion", "assertion", "password",
        "accessToken", "refreshToken", "clientSecret", "secret",
    };

    private static readonly string FieldAlternation = string.Join("|", SecretFieldNames.Select(Regex.Escape));

    // "name" : "value" (JSON); the value may contain escaped quotes.
    private static readonly Regex JsonField = new(
        "(\"(?:" + FieldAlternation + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // name=value (form bodies and query strings).
    private static readonly Regex FormField = new(
        "(^|[&?\\s])((?:" + FieldAlternation + ")=)[^&\\s]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // Bearer tokens and bare JWTs anywhere, in case a service echoes one back in an unexpected field.
    private static readonly Regex BearerToken = new(
        "(Bearer\\s+)[A-Za-z0-9\\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Jwt = new(
        "eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key", "Ocp-Apim-Subscription-Key",
    };

    /// <summary>Redacts a body of any text type (JSON, form, plain text).</summary>
    public static string RedactBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body ?? "";
        }

        var text = JsonField.Replace(body, "$1\"" + Mask + "\"");
        text = FormField.Replace(text, "$1$2" + Mask);
        text = BearerToken.Replace(text, "$1" + Mask);
        return Jwt.Replace(text, Mask);
    }

    /// <summary>Redacts one header value; keeps the auth scheme so a trace still shows which one was used.</summary>
    public static string RedactHeader(string name, string value)
    {
        if (SecretHeaders.Contains(name) || name.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0 && !name.Equals("MS-ContinuationToken", StringComparison.OrdinalIgnoreCase)
            || name.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            var space = value.IndexOf(' ');
            return space > 0 && name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase)
                ? value.Substring(0, space) + " " + Mask
                : Mask;
        }

        return RedactBody(value);
    }

    public static IReadOnlyList<KeyValuePair<string, string>> RedactHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        return headers
            .Select(h => new KeyValuePair<string, string>(h.Key, RedactHeader(h.Key, string.Join(", ", h.Value))))
            .ToList();
    }
}
