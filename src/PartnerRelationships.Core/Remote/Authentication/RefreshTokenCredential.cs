using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// App+User without a person (Microsoft's Secure Application Model): a partner admin's refresh token, obtained once
/// by New-PartnerRelationshipRefreshToken, is exchanged at the token endpoint for Graph and Partner Center access
/// tokens. When the answer carries a new refresh token (Entra rotates them), the newest is used from then on and
/// handed to <c>rotated</c> (the cmdlet layer writes it back to the vault), so a nightly runbook keeps working.
/// </summary>
public sealed class RefreshTokenCredential : TokenCredential, IDisposable
{
    private readonly Uri _tokenEndpoint;
    private readonly string _clientId;
    private readonly string? _clientSecret;
    private readonly string _source;
    private readonly Action<string>? _rotated;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ScopedTokenCache _tokens;
    private string _refreshToken;

    /// <param name="source">Where the refresh token came from, for messages (e.g. "the secret 'x' in the vault 'y'").</param>
    /// <param name="rotated">Called with each new refresh token the service hands out (on the calling thread).</param>
    public RefreshTokenCredential(Uri login, string tenantId, string clientId, string refreshToken, string? clientSecret, string source, Action<string>? rotated = null, TimeProvider? timeProvider = null, HttpMessageHandler? transport = null)
    {
        if (login is null) throw new ArgumentNullException(nameof(login));
        _tokenEndpoint = OAuthEndpoint.TokenEndpoint(login, tenantId);
        _clientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
        _refreshToken = refreshToken ?? throw new ArgumentNullException(nameof(refreshToken));
        _clientSecret = clientSecret;
        _source = source;
        _rotated = rotated;
        _time = timeProvider ?? TimeProvider.System;
        _tokens = new ScopedTokenCache(_time);
        _http = transport is null ? new HttpClient() : new HttpClient(transport, disposeHandler: false);
    }

    /// <summary>How many times the service handed out a new refresh token.</summary>
    public int Rotations { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => _tokens.GetAsync(requestContext, RedeemAsync, cancellationToken);

    private async Task<AccessToken> RedeemAsync(string scope, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = _clientId,
            ["refresh_token"] = _refreshToken,
            ["scope"] = scope + " offline_access",
        };
        if (!string.IsNullOrEmpty(_clientSecret))
        {
            form["client_secret"] = _clientSecret!;
        }

        var answer = await OAuthEndpoint.PostAsync(_http, _tokenEndpoint, form, cancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            if (answer.Error == "invalid_grant")
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.SignIn.RefreshTokenExpired,
                    ErrorKind.AuthenticationError,
                    $"The refresh token from {_source} was refused: it has expired or was revoked ({AadstsCode(answer.Description)}). Renew it: a partner admin runs {CommandNames.NewPartnerRelationshipRefreshToken} once more (interactive sign-in with MFA) and the runbook picks the new token up from the same place.",
                    _tokenEndpoint);
            }

            throw new PartnerRelationshipsException(
                ErrorIds.SignIn.AuthenticationFailed,
                ErrorKind.AuthenticationError,
                $"Exchanging the refresh token failed (HTTP {answer.Status}, {answer.Error}): {answer.Description} Check auth.clientId (the app the refresh token was issued to) and the app's secret.",
                _tokenEndpoint);
        }

        var accessToken = answer.Text("access_token");
        if (string.IsNullOrEmpty(accessToken))
        {
            throw new PartnerRelationshipsException(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.InvalidData, "The sign-in endpoint answered without an access token.", _tokenEndpoint);
        }

        var next = answer.Text("refresh_token");
        if (!string.IsNullOrEmpty(next) && !string.Equals(next, _refreshToken, StringComparison.Ordinal))
        {
            _refreshToken = next!;
            Rotations++;
            _rotated?.Invoke(next!);
        }

        return new AccessToken(accessToken!, _time.GetUtcNow().AddSeconds(answer.Number("expires_in") ?? 3600));
    }

    /// <summary>"AADSTS700082" from a description, or "invalid_grant" when it has none.</summary>
    private static string AadstsCode(string description)
    {
        var start = description.IndexOf("AADSTS", StringComparison.Ordinal);
        if (start < 0)
        {
            return "invalid_grant";
        }

        var end = start + 6;
        while (end < description.Length && char.IsDigit(description[end]))
        {
            end++;
        }

        return description.Substring(start, end - start);
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokens.Dispose();
    }
}
