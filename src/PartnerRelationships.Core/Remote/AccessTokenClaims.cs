using System;
using System.Text;
using System.Text.Json;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// The few claims of an access token that describe a session (tenant, app, user). Read without validating the
/// token (the service does that); the token itself is never kept.
/// </summary>
public sealed record AccessTokenClaims(string? TenantId, string? ClientId, string? Account)
{
    /// <summary>
    /// App-only or App+User, from <c>idtyp</c> ("app"/"user") or else <c>scp</c> (only delegated tokens carry it) and
    /// <c>roles</c> (app permissions); Unknown when the token says neither.
    /// </summary>
    public Authentication.SignInKind Kind { get; init; }

    /// <summary>The claims of a JWT, or null when the token is not one (the sandbox's opaque tokens).</summary>
    public static AccessTokenClaims? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var parts = token!.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var idtyp = Text(root, "idtyp");
            var kind = idtyp == "app" ? Authentication.SignInKind.AppOnly
                : idtyp == "user" || Text(root, "scp") is not null ? Authentication.SignInKind.AppUser
                : root.TryGetProperty("roles", out _) ? Authentication.SignInKind.AppOnly
                : Authentication.SignInKind.Unknown;
            return new AccessTokenClaims(
                Text(root, "tid"),
                Text(root, "appid") ?? Text(root, "azp"),
                Text(root, "upn") ?? Text(root, "preferred_username") ?? Text(root, "unique_name"))
            {
                Kind = kind,
            };
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
