using System.Security.Cryptography;

namespace PartnerRelationships.Sandbox.State;

public sealed partial class SandboxState
{
    private readonly Dictionary<string, string> _apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _staticTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _issuedTokens = new(StringComparer.Ordinal);

    /// <summary>Registers (or re-keys) an app the token endpoint accepts.</summary>
    public void RegisterApp(string clientId, string clientSecret)
    {
        lock (_gate)
        {
            _apps[clientId] = clientSecret;
        }
    }

    /// <summary>Adds a bearer token that is always accepted.</summary>
    public void AddStaticToken(string token)
    {
        lock (_gate)
        {
            _staticTokens.Add(token);
        }
    }

    /// <summary>Client-credentials grant: a token for a registered app with the right secret.</summary>
    public (string AccessToken, int ExpiresInSeconds) IssueToken(string? grantType, string? clientId, string? clientSecret, string? scope)
    {
        if (!string.Equals(grantType, "client_credentials", StringComparison.Ordinal))
        {
            throw new TokenRequestException(400, "unsupported_grant_type",
                $"AADSTS70003: The app requested an unsupported grant type '{grantType}'. The sandbox supports client_credentials.");
        }

        if (string.IsNullOrWhiteSpace(scope))
        {
            throw new TokenRequestException(400, "invalid_scope",
                "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default.");
        }

        var now = Now;
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(clientId) || !_apps.TryGetValue(clientId!, out var secret))
            {
                throw new TokenRequestException(400, "unauthorized_client",
                    $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory. Register it with the sandbox first.");
            }

            if (!string.Equals(secret, clientSecret, StringComparison.Ordinal))
            {
                throw new TokenRequestException(401, "invalid_client",
                    $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
            }

            var token = "sbx." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            _issuedTokens[token] = now + _options.TokenLifetime;
            return (token, (int)_options.TokenLifetime.TotalSeconds);
        }
    }

    public TokenCheck CheckToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Missing;
        }

        var now = Now;
        lock (_gate)
        {
            if (_staticTokens.Contains(token!))
            {
                return TokenCheck.Valid;
            }

            if (!_issuedTokens.TryGetValue(token!, out var expires))
            {
                return TokenCheck.Unknown;
            }

            return now < expires ? TokenCheck.Valid : TokenCheck.Expired;
        }
    }
}
