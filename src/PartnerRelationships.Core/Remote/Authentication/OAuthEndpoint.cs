using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Remote.Authentication;

/// <summary>One answer of an OAuth 2.0 endpoint: the JSON fields, or the error and its description.</summary>
internal sealed class OAuthAnswer
{
    private readonly JsonElement _root;

    public OAuthAnswer(int status, JsonElement root)
    {
        Status = status;
        _root = root;
    }

    public int Status { get; }

    public bool Succeeded => Status is >= 200 and < 300 && Error is null;

    public string? Error => Text("error");

    /// <summary>The error description with anything secret-looking masked.</summary>
    public string Description => Redactor.RedactBody(Text("error_description") ?? $"HTTP {Status}");

    public string? Text(string name)
        => _root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public long? Number(string name)
        => long.TryParse(Text(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>Posts a form to an Entra-like endpoint (token, devicecode). Never puts the form or answer in a message.</summary>
internal static class OAuthEndpoint
{
    public static Uri TokenEndpoint(Uri login, string tenantId) => Endpoint(login, tenantId, "token");

    public static Uri Endpoint(Uri login, string tenantId, string name)
        => new(new Uri(login.ToString().TrimEnd('/') + "/"), Uri.EscapeDataString(tenantId) + "/oauth2/v2.0/" + name);

    public static async Task<OAuthAnswer> PostAsync(HttpClient http, Uri endpoint, IDictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new PartnerRelationshipsException(ErrorIds.SignIn.SignInEndpointUnreachable, ErrorKind.ConnectionError,
                $"Could not reach the sign-in endpoint {endpoint.GetLeftPart(UriPartial.Authority)}: {ex.Message} Check the network (and, for the sandbox, that it is running); the credential was not rejected.", endpoint, ex);
        }
        catch (PartnerRelationshipsException ex) when (ex.Category is ErrorKind.ResourceUnavailable or ErrorKind.ConnectionError or ErrorKind.LimitsExceeded or ErrorKind.OperationTimeout)
        {
            // The retries ran out on transient failures: say so, never "wrong secret".
            throw new PartnerRelationshipsException(ErrorIds.SignIn.SignInEndpointUnavailable, ex.Category,
                $"The sign-in endpoint did not answer usefully after retries ({ex.Message.TrimEnd('.')}). This is the service, not a wrong secret or token: try again later.", endpoint, ex);
        }

        using (response)
        {
            var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            try
            {
                using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
                return new OAuthAnswer((int)response.StatusCode, document.RootElement.Clone());
            }
            catch (JsonException ex)
            {
                throw new PartnerRelationshipsException(ErrorIds.SignIn.AuthenticationFailed, ErrorKind.InvalidData,
                    $"The sign-in endpoint answered HTTP {(int)response.StatusCode} with something that is not JSON.", endpoint, ex);
            }
        }
    }
}
