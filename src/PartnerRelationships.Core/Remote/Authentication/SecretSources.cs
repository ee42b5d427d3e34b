using System.Linq;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

public static class SecretSources
{
    /// <summary>Asks each source in turn; the first that has the secret wins (given first, then env, then vault).</summary>
    public static ISecretSource Chain(params ISecretSource?[] sources) => new ChainedSecretSource(sources.Where(s => s is not null).ToArray()!);

    private sealed class ChainedSecretSource : ISecretSource
    {
        private readonly ISecretSource[] _sources;

        public ChainedSecretSource(ISecretSource[] sources) => _sources = sources;

        public string? GetSecret(SecretKind kind, AuthSettings settings)
        {
            foreach (var source in _sources)
            {
                var secret = source.GetSecret(kind, settings);
                if (!string.IsNullOrEmpty(secret))
                {
                    return secret;
                }
            }

            return null;
        }
    }
}
