using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>
/// Where sign-in secrets come from: an environment variable named in the config, a SecureString the cmdlet was
/// given, or a SecretManagement vault. Never the config file itself.
/// </summary>
public interface ISecretSource
{
    /// <summary>The secret, or null when this source has none (the next source is asked).</summary>
    string? GetSecret(SecretKind kind, AuthSettings settings);
}
