using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Kiota authentication from any TokenCredential. Ours instead of the SDK's so the sandbox (plain http, any host)
/// works the same as the real service, and sign-in failures become our errors.
/// </summary>
internal sealed class GraphTokenAuthenticationProvider : IAuthenticationProvider
{
    private readonly TokenCredential _credential;
    private readonly string _scope;

    public GraphTokenAuthenticationProvider(TokenCredential credential, string scope)
    {
        _credential = credential;
        _scope = scope;
    }

    public async Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        var token = await TokenAcquisition.GetTokenAsync(_credential, _scope, cancellationToken).ConfigureAwait(false);
        request.Headers.Remove("Authorization");
        request.Headers.Add("Authorization", "Bearer " + token);
    }
}
