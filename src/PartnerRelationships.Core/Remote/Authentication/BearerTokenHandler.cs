using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Adds "Authorization: Bearer" to each attempt. Sits inside the retry handler so a long retry sequence picks up a
/// refreshed token (credentials cache tokens, so this costs nothing per attempt).
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly TokenCredential _credential;
    private readonly string _scope;

    public BearerTokenHandler(TokenCredential credential, string scope)
    {
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _scope = scope ?? throw new ArgumentNullException(nameof(scope));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await TokenAcquisition.GetTokenAsync(_credential, _scope, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
