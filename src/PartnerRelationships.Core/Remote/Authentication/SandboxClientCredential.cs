using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Client-credentials sign-in against the sandbox's token endpoint. MSAL refuses a plain-http authority, so this
/// does the one POST itself (<see cref="OAuthEndpoint"/>, as the refresh-token and device-code sign-ins do):
/// &lt;login&gt;/&lt;tenant&gt;/oauth2/v2.0/token. Tokens are cached per scope until shortly
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
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _clientId,
            ["client_secret"] = _clientSecret,
            ["scope"] = scope,
        };
        var answer = await OAuthEndpoint.PostAsync(_http, _tokenEndpoint, form, cancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            throw new PartnerRelationshipsException(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.AuthenticationError,
                $"Sandbox sign-in failed (HTTP {answer.Status}, {answer.Error ?? "no error code"}): {answer.Description} Check the client id, tenant and secret.", _tokenEndpoint);
        }

        var token = answer.Text("access_token");
        if (string.IsNullOrEmpty(token))
        {
            throw new PartnerRelationshipsException(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.InvalidData,
                "The sandbox sign-in endpoint answered without a usable access token.", _tokenEndpoint);
        }

        return new AccessToken(token!, _time.GetUtcNow().AddSeconds(answer.Number("expires_in") ?? 3600));
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokens.Dispose();
    }
}
