using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.SignIn;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// /_sandbox/signin: act as the partner admin and as Entra ID's administrator: approve or decline a device code,
/// revoke refresh tokens, change how device-code polling and refresh-token rotation behave.
/// </summary>
internal static class SignInControlEndpoints
{
    public static void Map(RouteGroupBuilder group, SandboxState state)
    {
        group.MapGet("/signin", context => JsonResponses.WriteAsync(context, 200, Settings(state.SignInSettings)));

        group.MapPut("/signin", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            var current = state.SignInSettings;
            state.SignInSettings = current with
            {
                DeviceCodeIntervalSeconds = (int)(JsonResponses.Number(body, "deviceCodeIntervalSeconds") ?? current.DeviceCodeIntervalSeconds),
                DeviceCodeApproveAfterPolls = (int)(JsonResponses.Number(body, "deviceCodeApproveAfterPolls") ?? current.DeviceCodeApproveAfterPolls),
                SingleUseRefreshTokens = JsonResponses.Bool(body, "singleUseRefreshTokens") ?? current.SingleUseRefreshTokens,
                RefreshTokenMaxInactive = JsonResponses.Number(body, "refreshTokenMaxInactiveDays") is { } days ? TimeSpan.FromDays(days) : current.RefreshTokenMaxInactive,
                IdentityHeader = JsonResponses.String(body, "identityHeader") ?? current.IdentityHeader,
            };
            await JsonResponses.WriteAsync(context, 200, Settings(state.SignInSettings));
        });

        group.MapPost("/signin/revoke", context =>
            JsonResponses.WriteAsync(context, 200, new JsonObject { ["revoked"] = state.RevokeRefreshTokens() }));

        group.MapPost("/signin/devicecode/approve", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            await JsonResponses.WriteAsync(context, 200, new JsonObject { ["approved"] = state.DecideDeviceCodes(JsonResponses.String(body, "userCode"), approve: true) });
        });

        group.MapPost("/signin/devicecode/decline", async context =>
        {
            var body = await JsonResponses.ReadObjectAsync(context);
            await JsonResponses.WriteAsync(context, 200, new JsonObject { ["declined"] = state.DecideDeviceCodes(JsonResponses.String(body, "userCode"), approve: false) });
        });
    }

    /// <summary>A certificate's public part, as base64 DER or PEM.</summary>
    public static X509Certificate2 ReadCertificate(string text)
    {
        try
        {
            return text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw SandboxRuleException.BadRequest($"certificate is not a base64 DER or PEM certificate: {ex.Message}");
        }
    }

    private static JsonObject Settings(SignInSettings s) => new()
    {
        ["deviceCodeIntervalSeconds"] = s.DeviceCodeIntervalSeconds,
        ["deviceCodeApproveAfterPolls"] = s.DeviceCodeApproveAfterPolls,
        ["singleUseRefreshTokens"] = s.SingleUseRefreshTokens,
        ["refreshTokenMaxInactiveDays"] = s.RefreshTokenMaxInactive.TotalDays,
        ["userPrincipalName"] = s.UserPrincipalName,
        ["managedIdentityClientId"] = s.ManagedIdentityClientId,
    };
}
