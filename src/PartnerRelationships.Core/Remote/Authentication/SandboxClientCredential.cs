using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Client-credentials sign-in against the sandbox's token endpoint. MSAL refuses a plain-http authority, so this
/// does the one POST itself: &lt;login&gt;/&lt;tenant&gt;/oauth2/v2.0/token. Tokens are cached per scope until shortly
/// before they expire (by the injected clock).
/// </summary>
public sealed class SandboxClientCredential : TokenCredential, IDisposable
{
    private readonly Uri _tokenEndpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ScopedTokenCache _tokens;

    public SandboxClientCredential(Uri login, string tenantId, string clientId, string clientSecret, TimeProvider? timeProvider = null, HttpMessageHandler? transport = null)
    {
        if (login is null) throw new ArgumentNullException(nameof(login));
        _tokenEndpoint = OAuthEndpoint.TokenEndpoint(login, tenantId);
        _clientId = clientId;
        _clientSecret = clientSecret;
        _time = timeProvider ?? TimeProvider.System;
        _tokens = new ScopedTokenCache(_time);
        _http = transport is null ? new HttpClient() : new HttpClient(transport, disposeHandler: false);
    }

    /// <summary>How many times the token endpoint was called (the cache works when this stays low).</summary>
    public int TokenRequests { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => _tokens.GetAsync(requestContext, RequestAsync, cancellationToken);

    private async Task<AccessToken> RequestAsync(string scope, CancellationToken cancellationToken)
    {
        TokenRequests++;
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
                ["scope"] = scope,
            }),
        };

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new PartnerRelationshipsException(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.ConnectionError, $"Could not reach the sandbox sign-in endpoint {_tokenEndpoint.GetLeftPart(UriPartial.Authority)}: {ex.Message} Is the sandbox running?", _tokenEndpoint, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var said = ServiceErrorText.Extract(body) ?? response.ReasonPhrase;
                throw new PartnerRelationshipsException(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.AuthenticationError, $"Sandbox sign-in failed (HTTP {(int)response.StatusCode}): {said} Check the client id, tenant and secret.", _tokenEndpoint);
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var token = root.GetProperty("access_token").GetString() ?? throw new JsonException("no access_token");
                var lifetime = root.TryGetProperty("expires_in", out var expires)
                    ? expires.ValueKind == JsonValueKind.Number ? expires.GetInt64() : long.Parse(expires.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                    : 3600;
                return new AccessToken(token, _time.GetUtcNow().AddSeconds(lifetime));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new PartnerRelationshipsException(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.InvalidData, "The sandbox sign-in endpoint answered without a usable access token.", _tokenEndpoint, ex);
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokens.Dispose();
    }
}
