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

            return new AccessTokenClaims(
                Text(root, "tid"),
                Text(root, "appid") ?? Text(root, "azp"),
                Text(root, "upn") ?? Text(root, "preferred_username") ?? Text(root, "unique_name"));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
