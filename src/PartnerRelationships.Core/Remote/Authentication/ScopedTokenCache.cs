using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// The access tokens a credential has already obtained, one per scope, reused until shortly before they expire (by the
/// injected clock). One caller at a time fetches, so parallel calls after expiry ask the token endpoint once.
/// </summary>
internal sealed class ScopedTokenCache : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);

    public ScopedTokenCache(TimeProvider time) => _time = time;

    public async ValueTask<AccessToken> GetAsync(TokenRequestContext requestContext, Func<string, CancellationToken, Task<AccessToken>> fetch, CancellationToken cancellationToken)
    {
        var scope = string.Join(" ", requestContext.Scopes);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tokens.TryGetValue(scope, out var cached) && cached.ExpiresOn - RefreshMargin > _time.GetUtcNow())
            {
                return cached;
            }

            var token = await fetch(scope, cancellationToken).ConfigureAwait(false);
            _tokens[scope] = token;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
