using System;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>A ready access token given by the user. Its expiry is read from the JWT when it is one.</summary>
public sealed class StaticAccessTokenCredential : TokenCredential
{
    private readonly string _token;
    private readonly DateTimeOffset _expiresOn;
    private readonly TimeProvider _time;

    public StaticAccessTokenCredential(string token, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new PartnerRelationshipsException(ErrorIds.SignIn.MissingAccessToken, ErrorKind.InvalidArgument, $"The access token is empty. Pass -{ParameterNames.AccessToken} or set the variable named by Auth.AccessTokenVariable.");
        }

        _token = token.Trim();
        if (_token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            _token = _token.Substring(7).Trim();
        }

        _time = timeProvider ?? TimeProvider.System;
        _expiresOn = ReadExpiry(_token) ?? _time.GetUtcNow().AddHours(1);
    }

    public DateTimeOffset ExpiresOn => _expiresOn;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (_time.GetUtcNow() >= _expiresOn)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.SignIn.AccessTokenExpired,
                ErrorKind.AuthenticationError,
                $"The access token given expired at {_expiresOn:u}. Get a new one and run {CommandNames.ConnectPartnerRelationship} again.");
        }

        return new AccessToken(_token, _expiresOn);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => new(GetToken(requestContext, cancellationToken));

    /// <summary>The "exp" claim of a JWT, without validating it (the service does that).</summary>
    internal static DateTimeOffset? ReadExpiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
