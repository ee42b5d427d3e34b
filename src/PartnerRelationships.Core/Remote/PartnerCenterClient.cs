using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using Polly;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Partner Center REST over a plain HttpClient: resilient handler → bearer token → transport. Each logical call gets a
/// new MS-RequestId (the same on every retry, so the service can de-duplicate); MS-CorrelationId is per client.
/// </summary>
public sealed class PartnerCenterClient : IPartnerCenterClient, IDisposable
{
    /// <summary>The page size for reading the whole customer list (Get-PartnerCustomer, sync, compliance): fewer round trips.</summary>
    public const int WholeListPageSize = 200;

    internal const string RequestIdHeader = "MS-RequestId";
    internal const string CorrelationIdHeader = "MS-CorrelationId";
    internal const string ContinuationHeader = "MS-ContinuationToken";

    private readonly HttpClient _http;
    private readonly Uri _base;

    public PartnerCenterClient(
        TokenCredential credential,
        CloudEndpoints endpoints,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        TimeProvider timeProvider,
        Func<IRemoteCallObserver?>? observer = null,
        HttpMessageHandler? transport = null,
        Guid? correlationId = null,
        AdaptiveRateLimiter? limiter = null)
    {
        if (credential is null) throw new ArgumentNullException(nameof(credential));
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        CorrelationId = correlationId ?? Guid.NewGuid();
        var auth = new BearerTokenHandler(credential, endpoints.PartnerCenterScope) { InnerHandler = transport ?? new HttpClientHandler() };
        var resilient = new ResilientHttpHandler(pipeline, timeProvider, observer, limiter) { InnerHandler = auth };
        _http = new HttpClient(resilient) { Timeout = Timeout.InfiniteTimeSpan };
        _base = new Uri(endpoints.PartnerCenter.ToString().TrimEnd('/') + "/v1/");
    }

    public Guid CorrelationId { get; }

    public async Task<Uri> GetRelationshipRequestLinkAsync(string? indirectResellerId = null, CancellationToken cancellationToken = default)
    {
        var path = "customers/relationshiprequests" + (string.IsNullOrWhiteSpace(indirectResellerId) ? "" : "?indirectResellerId=" + Uri.EscapeDataString(indirectResellerId!.Trim()));
        using var document = await SendAsync(HttpMethod.Get, path, null, "Get the reseller relationship link", null, cancellationToken).ConfigureAwait(false);
        var url = Str(document!.RootElement, "url");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var link))
        {
            throw new PartnerRelationshipsException("RemoteInvalidResponse", ErrorKind.InvalidData, "Partner Center answered without a relationship request link.", path);
        }

        return link;
    }

    public async IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (pageSize < 1 || pageSize > 500)
        {
            throw new PartnerRelationshipsException("InvalidPageSize", ErrorKind.InvalidArgument, "The page size must be between 1 and 500.", pageSize);
        }

        const string operation = "List customers";
        var path = "customers?size=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? continuation = null;
        do
        {
            // Each page is read straight from its UTF-8 bytes; only one page is held at a time.
            var body = await SendForBodyAsync(HttpMethod.Get, path, null, operation, null, cancellationToken, continuation).ConfigureAwait(false);
            List<PartnerCustomerInfo> items;
            string? nextPath = null;
            continuation = null;
            if (body is null)
            {
                items = new List<PartnerCustomerInfo>();
            }
            else
            {
                try
                {
                    items = PartnerCenterCustomerPageReader.Read(body.Value.AsSpan(), out continuation, out nextPath);
                }
                catch (JsonException ex)
                {
                    throw NotJson(operation, null, ex);
                }
            }

            path = nextPath ?? path;
            foreach (var item in items)
            {
                yield return item;
            }
        }
        while (continuation is not null);
    }

    public async Task<PartnerCustomerInfo> GetCustomerAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(customerTenantId);
        using var document = await SendAsync(HttpMethod.Get, "customers/" + id, null, "Get customer " + customerTenantId, customerTenantId, cancellationToken).ConfigureAwait(false);
        return ToCustomer(document!.RootElement);
    }

    public async Task RemoveResellerRelationshipAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(customerTenantId);
        using var _ = await SendAsync(new HttpMethod("PATCH"), "customers/" + id, "{\"relationshipToPartner\":\"none\"}", "Remove the reseller relationship with " + customerTenantId, customerTenantId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SupportContactInfo?> GetSupportContactAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(customerTenantId);
        try
        {
            using var document = await SendAsync(HttpMethod.Get, $"customers/{id}/supportcontact", null, "Get the support contact of " + customerTenantId, customerTenantId, cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToSupportContact(document.RootElement);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemoteNotFound" && ex.Message.IndexOf("CustomerNotFound", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return null; // No support contact set; an unknown customer still fails.
        }
    }

    public async Task<SupportContactInfo> SetSupportContactAsync(string customerTenantId, SupportContactInfo contact, CancellationToken cancellationToken = default)
    {
        var id = RequireId(customerTenantId);
        if (contact is null) throw new ArgumentNullException(nameof(contact));
        var body = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["supportTenantId"] = contact.SupportTenantId,
            ["supportMpnId"] = contact.SupportMpnId,
            ["name"] = contact.Name,
        });
        using var document = await SendAsync(HttpMethod.Put, $"customers/{id}/supportcontact", body, "Set the support contact of " + customerTenantId, customerTenantId, cancellationToken).ConfigureAwait(false);
        return document is null ? contact : ToSupportContact(document.RootElement);
    }

    public async Task<IReadOnlyList<CustomerResellerRelationshipInfo>> ListCustomerRelationshipsAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(customerTenantId);
        using var document = await SendAsync(HttpMethod.Get, $"customers/{id}/relationships", null, "List the resellers of " + customerTenantId, customerTenantId, cancellationToken).ConfigureAwait(false);
        return Array(document!.RootElement, "items")
            .Select(e => new CustomerResellerRelationshipInfo(Str(e, "id") ?? "", Str(e, "mpnId"), Str(e, "name") ?? "", Str(e, "relationshipType") ?? "", Str(e, "state")))
            .ToList();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>One logical call whose answer is JSON (null for an empty body).</summary>
    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, string? jsonBody, string operation, object? target, CancellationToken cancellationToken, string? continuationToken = null)
    {
        var body = await SendForBodyAsync(method, path, jsonBody, operation, target, cancellationToken, continuationToken).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body.Value.AsMemory());
        }
        catch (JsonException ex)
        {
            throw NotJson(operation, target, ex);
        }
    }

    /// <summary>
    /// One logical call: fresh MS-RequestId (kept across retries by the resilient handler), error mapping. Returns the
    /// body as UTF-8 without a byte order mark, or null when it is empty or only white space.
    /// </summary>
    private async Task<ArraySegment<byte>?> SendForBodyAsync(HttpMethod method, string path, string? jsonBody, string operation, object? target, CancellationToken cancellationToken, string? continuationToken = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.TryAddWithoutValidation(RequestIdHeader, Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(CorrelationIdHeader, CorrelationId.ToString());
        request.Headers.Accept.ParseAdd("application/json");
        if (continuationToken is not null)
        {
            request.Headers.TryAddWithoutValidation(ContinuationHeader, continuationToken);
        }

        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var (code, message) = ParseError(text);
            throw RemoteErrors.FromStatus((int)response.StatusCode, operation, code, message ?? response.ReasonPhrase, target);
        }

        if (response.Content is null)
        {
            return null;
        }

        ArraySegment<byte> body;
        if (IsUtf8(response.Content.Headers.ContentType?.CharSet))
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            body = await ResponseBody.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Another declared charset (not seen from Partner Center): let HttpContent decode it, as before.
            body = new ArraySegment<byte>(Encoding.UTF8.GetBytes(await response.Content.ReadAsStringAsync().ConfigureAwait(false)));
        }

        var json = Utf8JsonReading.WithoutBom(body.AsSpan());
        var offset = body.Offset + body.Count - json.Length;
        body = new ArraySegment<byte>(body.Array!, offset, json.Length);
        return Utf8JsonReading.IsBlank(json) ? null : body;
    }

    private static bool IsUtf8(string? charset)
        => string.IsNullOrEmpty(charset) || charset!.Trim('"', ' ').Replace("-", "").Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static PartnerRelationshipsException NotJson(string operation, object? target, JsonException ex)
        => new("RemoteInvalidResponse", ErrorKind.InvalidData, $"{operation}: Partner Center answered with something that is not JSON.", target, ex);

    /// <summary>Partner Center: {"code": 600011, "description": "…", "errorName": "…"}.</summary>
    private static (string? Code, string? Message) ParseError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            var name = Str(root, "errorName");
            var code = root.TryGetProperty("code", out var c) ? c.ToString() : null;
            var message = Str(root, "description") ?? ServiceErrorText.Extract(text);
            var label = name is null ? code : code is null ? name : $"{name} {code}";
            return (label, message is null ? null : Redactor.RedactBody(message));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static PartnerCustomerInfo ToCustomer(JsonElement e)
    {
        // Str reads nothing from a missing (default) profile element.
        var profile = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("companyProfile", out var p) ? p : default;
        return PartnerCenterCustomerPageReader.Customer(
            Str(e, "id"),
            Str(profile, "tenantId"),
            Str(profile, "companyName"),
            Str(profile, "domain"),
            Str(e, "relationshipToPartner"),
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("allowDelegatedAccess", out var allow) && allow.ValueKind == JsonValueKind.True);
    }

    private static SupportContactInfo ToSupportContact(JsonElement e) => new(Str(e, "supportTenantId") ?? "", Str(e, "supportMpnId"), Str(e, "name"));

    private static string? Str(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static string RequireId(string? id)
        => string.IsNullOrWhiteSpace(id)
            ? throw new PartnerRelationshipsException("MissingId", ErrorKind.InvalidArgument, "A customer tenant id is required.", id)
            : Uri.EscapeDataString(id!.Trim());
}
