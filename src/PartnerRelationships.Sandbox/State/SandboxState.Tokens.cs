using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.SignIn;

namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// Sign-in: app registrations, the tokens the sandbox issued (and whose they are: app-only or App+User), refresh
/// tokens, device codes and authorization codes. Every grant answers in Entra ID's v2.0 token response shape.
/// </summary>
public sealed partial class SandboxState
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, SandboxApp> _apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TokenKind> _staticTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Expires, TokenKind Kind)> _issuedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceCodeGrant> _deviceCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCodeGrant> _authorizationCodes = new(StringComparer.Ordinal);
    private readonly JwtWriter _jwt = new();
    private SignInSettings _signIn = new();

    private sealed record RefreshGrant(string ClientId, string Scope, DateTimeOffset LastUsed, bool Revoked);

    private sealed class DeviceCodeGrant
    {
        public required string ClientId { get; init; }
        public required string UserCode { get; init; }
        public required string Scope { get; init; }
        public required DateTimeOffset Expires { get; init; }
        public int Polls { get; set; }
        public bool Approved { get; set; }
        public bool Declined { get; set; }
    }

    private sealed record AuthorizationCodeGrant(string ClientId, string RedirectUri, string Scope, string? Challenge, DateTimeOffset Expires);

    /// <summary>The sign-in behaviour (device-code polling, refresh-token rotation, managed identity header).</summary>
    public SignInSettings SignInSettings
    {
        get { lock (_gate) { return _signIn; } }
        set { lock (_gate) { _signIn = value ?? throw new ArgumentNullException(nameof(value)); } }
    }

    internal JsonObject SigningKeys() => _jwt.Keys();

    /// <summary>Registers (or re-keys) an app with a client secret.</summary>
    public void RegisterApp(string clientId, string clientSecret)
    {
        lock (_gate)
        {
            App(clientId).Secret = clientSecret;
        }
    }

    /// <summary>Registers a certificate (its public key) an app may sign client assertions with.</summary>
    public void RegisterAppCertificate(string clientId, X509Certificate2 certificate)
    {
        lock (_gate)
        {
            App(clientId).Certificates.Add(certificate);
        }
    }

    /// <summary>Adds a bearer token that is always accepted: the partner admin's (App+User) unless said otherwise.</summary>
    public void AddStaticToken(string token, TokenKind kind = TokenKind.AppUser)
    {
        lock (_gate)
        {
            _staticTokens[token] = kind;
        }
    }

    /// <summary>Revokes every refresh token (what revoking the admin's sign-in sessions does); returns how many.</summary>
    public int RevokeRefreshTokens()
    {
        lock (_gate)
        {
            var live = _refreshTokens.Where(p => !p.Value.Revoked).Select(p => p.Key).ToList();
            foreach (var key in live)
            {
                _refreshTokens[key] = _refreshTokens[key] with { Revoked = true };
            }

            return live.Count;
        }
    }

    /// <summary>Approves (or declines) the pending device codes, or the one with this user code.</summary>
    public int DecideDeviceCodes(string? userCode, bool approve)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var grant in _deviceCodes.Values.Where(g => !g.Approved && !g.Declined && (userCode is null || string.Equals(g.UserCode, userCode, StringComparison.OrdinalIgnoreCase))))
            {
                grant.Approved = approve;
                grant.Declined = !approve;
                count++;
            }

            return count;
        }
    }

    /// <summary>POST …/oauth2/v2.0/token: every grant the sandbox supports, answered in Entra's token response shape.</summary>
    internal JsonObject RedeemToken(IReadOnlyDictionary<string, string?> form, string issuerBase, string tenant, Uri tokenEndpoint)
    {
        var grantType = form.GetValueOrDefault("grant_type");
        var clientId = form.GetValueOrDefault("client_id");
        var now = Now;
        lock (_gate)
        {
            switch (grantType)
            {
                case "client_credentials":
                {
                    var scope = RequireDefaultScope(form.GetValueOrDefault("scope"));
                    AuthenticateClient(form, clientId, tokenEndpoint, now, required: true);
                    return Response(TokenKind.AppOnly, clientId!, scope, issuerBase, now, withRefreshToken: false);
                }

                case "refresh_token":
                {
                    var token = form.GetValueOrDefault("refresh_token") ?? string.Empty;
                    if (!_refreshTokens.TryGetValue(token, out var grant) || !string.Equals(grant.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
                    {
                        throw InvalidGrant("AADSTS9002313: Invalid request. The refresh token is malformed or was not issued to this client.");
                    }

                    if (grant.Revoked)
                    {
                        throw InvalidGrant("AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");
                    }

                    if (now - grant.LastUsed > _signIn.RefreshTokenMaxInactive)
                    {
                        throw InvalidGrant($"AADSTS700082: The refresh token has expired due to inactivity. The token was issued on {grant.LastUsed:O} and was inactive for {_signIn.RefreshTokenMaxInactive.TotalDays:0} days.");
                    }

                    AuthenticateClient(form, clientId, tokenEndpoint, now, required: false);
                    if (_signIn.SingleUseRefreshTokens)
                    {
                        _refreshTokens[token] = grant with { Revoked = true };
                    }
                    else
                    {
                        _refreshTokens[token] = grant with { LastUsed = now };
                    }

                    var scope = form.GetValueOrDefault("scope") ?? grant.Scope;
                    return Response(TokenKind.AppUser, clientId!, scope, issuerBase, now, withRefreshToken: true);
                }

                // MSAL sends the short form; the RFC 8628 name is what the docs show. Entra takes both.
                case "urn:ietf:params:oauth:grant-type:device_code" or "device_code":
                {
                    var code = form.GetValueOrDefault("device_code") ?? string.Empty;
                    if (!_deviceCodes.TryGetValue(code, out var grant) || !string.Equals(grant.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
                    {
                        throw InvalidGrant("AADSTS70000: The provided value for the input parameter 'device_code' is not valid.");
                    }

                    if (now >= grant.Expires)
                    {
                        _deviceCodes.Remove(code);
                        throw new TokenRequestException(400, "expired_token", "AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
                    }

                    if (grant.Declined)
                    {
                        _deviceCodes.Remove(code);
                        throw new TokenRequestException(400, "authorization_declined", "AADSTS70000: The user declined the sign-in request.");
                    }

                    grant.Polls++;
                    var autoApprove = _signIn.DeviceCodeApproveAfterPolls >= 0 && grant.Polls > _signIn.DeviceCodeApproveAfterPolls;
                    if (!grant.Approved && !autoApprove)
                    {
                        throw new TokenRequestException(400, "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
                    }

                    _deviceCodes.Remove(code);
                    return Response(TokenKind.AppUser, grant.ClientId, grant.Scope, issuerBase, now, withRefreshToken: OffersRefresh(grant.Scope));
                }

                case "authorization_code":
                {
                    var code = form.GetValueOrDefault("code") ?? string.Empty;
                    if (!_authorizationCodes.Remove(code, out var grant) || !string.Equals(grant.ClientId, clientId, StringComparison.OrdinalIgnoreCase) || now >= grant.Expires)
                    {
                        throw InvalidGrant("AADSTS70008: The provided authorization code or refresh token has expired or was already redeemed. Send a new interactive authorization request.");
                    }

                    if (!string.Equals(grant.RedirectUri, form.GetValueOrDefault("redirect_uri"), StringComparison.Ordinal))
                    {
                        throw InvalidGrant("AADSTS50148: The redirect_uri doesn't match the one of the authorization request.");
                    }

                    if (grant.Challenge is not null && grant.Challenge != Sha256(form.GetValueOrDefault("code_verifier") ?? string.Empty))
                    {
                        throw InvalidGrant("AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.");
                    }

                    AuthenticateClient(form, clientId, tokenEndpoint, now, required: false);
                    return Response(TokenKind.AppUser, grant.ClientId, form.GetValueOrDefault("scope") ?? grant.Scope, issuerBase, now, withRefreshToken: OffersRefresh(grant.Scope));
                }

                default:
                    throw new TokenRequestException(400, "unsupported_grant_type",
                        $"AADSTS70003: The app requested an unsupported grant type '{grantType}'. The sandbox supports client_credentials, refresh_token, authorization_code and device_code.");
            }
        }
    }

    /// <summary>POST …/oauth2/v2.0/devicecode: a device code for a registered app.</summary>
    internal JsonObject StartDeviceCode(string? clientId, string? scope)
    {
        var now = Now;
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(clientId) || !_apps.ContainsKey(clientId!))
            {
                throw UnknownApp(clientId);
            }

            var deviceCode = Random(32);
            var userCode = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
            _deviceCodes[deviceCode] = new DeviceCodeGrant { ClientId = clientId!, UserCode = userCode, Scope = scope ?? string.Empty, Expires = now + CodeLifetime };
            return new JsonObject
            {
                ["user_code"] = userCode,
                ["device_code"] = deviceCode,
                ["verification_uri"] = "https://microsoft.com/devicelogin",
                ["expires_in"] = (int)CodeLifetime.TotalSeconds,
                ["interval"] = _signIn.DeviceCodeIntervalSeconds,
                ["message"] = $"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code {userCode} to authenticate.",
            };
        }
    }

    /// <summary>GET …/oauth2/v2.0/authorize: the partner admin signs in at once; returns the code for the redirect.</summary>
    internal string Authorize(string? clientId, string? redirectUri, string? scope, string? challenge, string? challengeMethod)
    {
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(clientId) || !_apps.ContainsKey(clientId!))
            {
                throw UnknownApp(clientId);
            }

            if (string.IsNullOrWhiteSpace(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
            {
                throw new TokenRequestException(400, "invalid_request", "AADSTS50011: The redirect URI is missing or not absolute.");
            }

            if (challenge is not null && !string.Equals(challengeMethod, "S256", StringComparison.Ordinal))
            {
                throw new TokenRequestException(400, "invalid_request", "AADSTS501491: The sandbox supports code_challenge_method S256 only.");
            }

            var code = Random(32);
            _authorizationCodes[code] = new AuthorizationCodeGrant(clientId!, redirectUri!, scope ?? string.Empty, challenge, Now + CodeLifetime);
            return code;
        }
    }

    /// <summary>The managed-identity endpoint (App Service / Azure Automation shape): an app-only token for a resource.</summary>
    internal JsonObject ManagedIdentityToken(string? identityHeader, string? resource, string? clientId, string issuerBase)
    {
        var now = Now;
        lock (_gate)
        {
            if (!string.Equals(identityHeader, _signIn.IdentityHeader, StringComparison.Ordinal))
            {
                throw new TokenRequestException(401, "invalid_request", "The X-IDENTITY-HEADER is missing or wrong: send the value of IDENTITY_HEADER.");
            }

            if (string.IsNullOrWhiteSpace(resource))
            {
                throw new TokenRequestException(400, "invalid_request", "The resource parameter is required.");
            }

            var identity = string.IsNullOrWhiteSpace(clientId) ? _signIn.ManagedIdentityClientId : clientId!;
            var (token, expires) = Issue(TokenKind.AppOnly, identity, resource!.TrimEnd('/') + "/.default", issuerBase, now);
            return new JsonObject
            {
                ["access_token"] = token,
                ["expires_on"] = expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
                ["client_id"] = identity,
            };
        }
    }

    public TokenCheck CheckToken(string? token) => CheckToken(token, out _);

    /// <summary>Whether a bearer token is good, and whose it is.</summary>
    public TokenCheck CheckToken(string? token, out TokenKind kind)
    {
        kind = TokenKind.AppOnly;
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Missing;
        }

        var now = Now;
        lock (_gate)
        {
            if (_staticTokens.TryGetValue(token!, out kind))
            {
                return TokenCheck.Valid;
            }

            if (!_issuedTokens.TryGetValue(token!, out var issued))
            {
                return TokenCheck.Unknown;
            }

            kind = issued.Kind;
            return now < issued.Expires ? TokenCheck.Valid : TokenCheck.Expired;
        }
    }

    private SandboxApp App(string clientId)
    {
        if (!_apps.TryGetValue(clientId, out var app))
        {
            app = new SandboxApp(clientId);
            _apps[clientId] = app;
        }

        return app;
    }

    /// <summary>Client authentication: a secret or a certificate assertion. Public-client flows may send neither.</summary>
    private void AuthenticateClient(IReadOnlyDictionary<string, string?> form, string? clientId, Uri tokenEndpoint, DateTimeOffset now, bool required)
    {
        if (string.IsNullOrWhiteSpace(clientId) || !_apps.TryGetValue(clientId!, out var app))
        {
            throw UnknownApp(clientId);
        }

        var secret = form.GetValueOrDefault("client_secret");
        var assertion = form.GetValueOrDefault("client_assertion");
        if (!string.IsNullOrEmpty(assertion))
        {
            if (!string.Equals(form.GetValueOrDefault("client_assertion_type"), ClientAssertion.JwtBearerType, StringComparison.Ordinal))
            {
                throw new TokenRequestException(400, "invalid_request", $"AADSTS50027: client_assertion_type must be {ClientAssertion.JwtBearerType}.");
            }

            ClientAssertion.Verify(assertion!, clientId!, app.Certificates, tokenEndpoint, now);
            return;
        }

        if (secret is not null || required)
        {
            if (app.Secret is null || !string.Equals(app.Secret, secret, StringComparison.Ordinal))
            {
                throw new TokenRequestException(401, "invalid_client",
                    $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
            }
        }
    }

    private JsonObject Response(TokenKind kind, string clientId, string scope, string issuerBase, DateTimeOffset now, bool withRefreshToken)
    {
        var (token, _) = Issue(kind, clientId, scope, issuerBase, now);
        var lifetime = (int)_options.TokenLifetime.TotalSeconds;
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = scope,
            ["expires_in"] = lifetime,
            ["ext_expires_in"] = lifetime,
            ["access_token"] = token,
        };
        if (kind == TokenKind.AppUser)
        {
            if (withRefreshToken)
            {
                var refresh = "sbxrt." + Random(32);
                _refreshTokens[refresh] = new RefreshGrant(clientId, scope, now, Revoked: false);
                body["refresh_token"] = refresh;
            }

            // What MSAL needs to know the account: an id token and client_info (uid.utid).
            body["id_token"] = _jwt.Write(new JsonObject
            {
                ["aud"] = clientId,
                ["iss"] = $"{issuerBase}/{_options.PartnerTenantId}/v2.0",
                ["iat"] = now.ToUnixTimeSeconds(),
                ["nbf"] = now.ToUnixTimeSeconds(),
                ["exp"] = (now + _options.TokenLifetime).ToUnixTimeSeconds(),
                ["name"] = "Partner Admin",
                ["oid"] = _signIn.UserObjectId,
                ["preferred_username"] = _signIn.UserPrincipalName,
                ["sub"] = _signIn.UserObjectId,
                ["tid"] = _options.PartnerTenantId,
                ["ver"] = "2.0",
            });
            body["client_info"] = JwtWriter.Base64Url(Encoding.UTF8.GetBytes(new JsonObject { ["uid"] = _signIn.UserObjectId, ["utid"] = _options.PartnerTenantId }.ToJsonString()));
        }

        return body;
    }

    /// <summary>An access token (a signed JWT with the claims Entra puts in one of this kind), recorded as issued.</summary>
    private (string Token, DateTimeOffset Expires) Issue(TokenKind kind, string clientId, string scope, string issuerBase, DateTimeOffset now)
    {
        var expires = now + _options.TokenLifetime;
        var resource = Resource(scope);
        var claims = new JsonObject
        {
            ["aud"] = resource,
            ["iss"] = $"{issuerBase}/{_options.PartnerTenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = clientId,
            ["azp"] = clientId,
            ["tid"] = _options.PartnerTenantId,
            ["ver"] = "1.0",
            ["uti"] = Random(16),
        };
        if (kind == TokenKind.AppOnly)
        {
            claims["idtyp"] = "app";
            claims["oid"] = DeterministicId(clientId);
            claims["sub"] = DeterministicId(clientId);
            claims["roles"] = new JsonArray(resource.Contains("graph", StringComparison.OrdinalIgnoreCase) ? "DelegatedAdminRelationship.ReadWrite.All" : "PartnerCenter.Application");
        }
        else
        {
            claims["idtyp"] = "user";
            claims["oid"] = _signIn.UserObjectId;
            claims["sub"] = _signIn.UserObjectId;
            claims["upn"] = _signIn.UserPrincipalName;
            claims["name"] = "Partner Admin";
            claims["amr"] = new JsonArray("pwd", "mfa");
            claims["scp"] = resource.Contains("graph", StringComparison.OrdinalIgnoreCase) ? "DelegatedAdminRelationship.ReadWrite.All" : "user_impersonation";
        }

        var token = _jwt.Write(claims);
        _issuedTokens[token] = (expires, kind);
        return (token, expires);
    }

    private static string RequireDefaultScope(string? scope)
    {
        if (string.IsNullOrWhiteSpace(scope) || !scope!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => s.EndsWith("/.default", StringComparison.Ordinal)))
        {
            throw new TokenRequestException(400, "invalid_scope",
                "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default.");
        }

        return scope;
    }

    /// <summary>The resource a scope list is for: the first scope that is not an OpenID one, without its permission.</summary>
    private static string Resource(string scope)
    {
        var first = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(s => s is not ("openid" or "profile" or "offline_access" or "email")) ?? "https://graph.microsoft.com/.default";
        var slash = first.LastIndexOf('/');
        return slash > "https://".Length ? first.Substring(0, slash) : first;
    }

    private static bool OffersRefresh(string scope) => scope.Split(' ').Contains("offline_access", StringComparer.Ordinal);

    private static TokenRequestException InvalidGrant(string message) => new(400, "invalid_grant", message);

    private static TokenRequestException UnknownApp(string? clientId) => new(400, "unauthorized_client",
        $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory. Register it with the sandbox first.");

    private static string Random(int bytes) => JwtWriter.Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Sha256(string text) => JwtWriter.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(text)));

    private static string DeterministicId(string clientId) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes("sp:" + clientId))).ToString();
}
