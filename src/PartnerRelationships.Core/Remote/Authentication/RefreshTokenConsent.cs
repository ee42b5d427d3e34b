using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Resilience;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>What a one-time consent yielded: the refresh token (to store, never to show) and who signed in.</summary>
public sealed class RefreshTokenConsentResult
{
    internal RefreshTokenConsentResult(string refreshToken, AccessTokenClaims? claims)
    {
        RefreshToken = refreshToken;
        Claims = claims;
    }

    /// <summary>The secret itself: store it, never write it out.</summary>
    public string RefreshToken { get; }

    public AccessTokenClaims? Claims { get; }

    public override string ToString() => $"Refresh token for {Claims?.Account ?? "(unknown account)"}";
}

/// <summary>
/// The one-time, interactive part of the Secure Application Model: a partner admin signs in with the device-code flow
/// (works in any console, MFA included) and consents for the app; the answer's refresh token is what runbooks use.
/// Done here rather than through MSAL because MSAL never hands out the refresh token. Its requests go through the same
/// retry pipeline as every other sign-in request: a throttled or failing token endpoint while the admin types the code
/// is ridden out, not reported as a failed sign-in.
/// </summary>
public static class RefreshTokenConsent
{
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    public static async Task<RefreshTokenConsentResult> RunAsync(
        Uri login,
        string tenantId,
        string clientId,
        string? clientSecret,
        string scope,
        Func<string, CancellationToken, Task> showMessage,
        RetrySettings retry,
        TimeProvider timeProvider,
        HttpMessageHandler? transport,
        CancellationToken cancellationToken)
    {
        if (login is null) throw new ArgumentNullException(nameof(login));
        if (showMessage is null) throw new ArgumentNullException(nameof(showMessage));

        // Creating the pipeline checks the Retry settings. The caller's transport stays the caller's (the chain would
        // dispose it with itself).
        var chain = new HttpHandlerChainBuilder(ResiliencePipelineFactory.Create(retry, timeProvider), timeProvider).Over(transport).Build();
        using var http = new HttpClient(chain, disposeHandler: transport is null) { Timeout = Timeout.InfiniteTimeSpan };
        var requested = scope + " offline_access openid profile";

        var start = await OAuthEndpoint.PostAsync(http, OAuthEndpoint.Endpoint(login, tenantId, "devicecode"),
            new Dictionary<string, string> { ["client_id"] = clientId, ["scope"] = requested }, cancellationToken).ConfigureAwait(false);
        var deviceCode = start.Text("device_code");
        if (!start.Succeeded || string.IsNullOrEmpty(deviceCode))
        {
            throw new PartnerRelationshipsException(ErrorIds.SignIn.ConsentFailed, ErrorKind.AuthenticationError,
                $"The device-code sign-in could not start (HTTP {start.Status}, {start.Error}): {start.Description} Check -{ParameterNames.ClientId} and -{ParameterNames.TenantId}, and that the app allows public client flows.", clientId);
        }

        await showMessage(start.Text("message") ?? $"Open {start.Text("verification_uri")} and enter the code {start.Text("user_code")}.", cancellationToken).ConfigureAwait(false);

        var interval = TimeSpan.FromSeconds(Math.Max(0, start.Number("interval") ?? 5));
        var deadline = timeProvider.GetUtcNow().AddSeconds(start.Number("expires_in") ?? 900);
        var form = new Dictionary<string, string> { ["grant_type"] = DeviceCodeGrant, ["client_id"] = clientId, ["device_code"] = deviceCode! };
        if (!string.IsNullOrEmpty(clientSecret))
        {
            form["client_secret"] = clientSecret!;
        }

        var tokenEndpoint = OAuthEndpoint.TokenEndpoint(login, tenantId);
        while (true)
        {
            var answer = await OAuthEndpoint.PostAsync(http, tokenEndpoint, form, cancellationToken).ConfigureAwait(false);
            if (answer.Succeeded)
            {
                var refreshToken = answer.Text("refresh_token");
                if (string.IsNullOrEmpty(refreshToken))
                {
                    throw new PartnerRelationshipsException(ErrorIds.SignIn.ConsentFailed, ErrorKind.AuthenticationError,
                        "The sign-in succeeded but the service gave no refresh token; the app must be allowed the offline_access permission.", clientId);
                }

                return new RefreshTokenConsentResult(refreshToken!, AccessTokenClaims.Read(answer.Text("access_token")));
            }

            switch (answer.Error)
            {
                case "authorization_pending":
                    break;
                case "slow_down":
                    interval += TimeSpan.FromSeconds(5);
                    break;
                case "authorization_declined":
                    throw new PartnerRelationshipsException(ErrorIds.SignIn.ConsentDeclined, ErrorKind.PermissionDenied,
                        "The sign-in was declined; nothing was stored. Run the command again and approve the request.", clientId);
                case "expired_token":
                    throw new PartnerRelationshipsException(ErrorIds.SignIn.ConsentExpired, ErrorKind.OperationTimeout,
                        "The code expired before anyone signed in with it; nothing was stored. Run the command again and enter the new code within 15 minutes.", clientId);
                default:
                    throw new PartnerRelationshipsException(ErrorIds.SignIn.ConsentFailed, ErrorKind.AuthenticationError,
                        $"The sign-in failed (HTTP {answer.Status}, {answer.Error}): {answer.Description}", clientId);
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                throw new PartnerRelationshipsException(ErrorIds.SignIn.ConsentExpired, ErrorKind.OperationTimeout,
                    "Nobody signed in before the code expired; nothing was stored. Run the command again.", clientId);
            }

            if (interval > TimeSpan.Zero)
            {
                await timeProvider.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
