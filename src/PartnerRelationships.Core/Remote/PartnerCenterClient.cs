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
/// Partner Center REST over a plain HttpClient whose chain <see cref="HttpHandlerChainBuilder"/> builds: resilient handler → bearer token → transport. Each logical call gets a
/// new MS-RequestId (the same on every retry, so the service can de-duplicate); MS-CorrelationId is per client.
/// </summary>
public sealed class PartnerCenterClient : IPartnerCenterClient, IDisposable
{
    /// <summary>The page size for reading the whole customer list (Get-PartnerCustomer, sync, compliance): fewer round trips.</summary>
    public const int WholeListPageSize = 200;

    internal const string RequestIdHeader = "MS-RequestId";
    internal const string CorrelationIdHeader = "MS-CorrelationId";
    internal const string ContinuationHeader = "MS-ContinuationToken";
    internal const string ContractVersionHeader = "MS-Contract-Version";

    /// <summary>The headers page marks MS-Contract-Version required; every documented call is version v1.</summary>
    internal const string ContractVersion = "v1";

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly TokenCredential _credential;
    private readonly string _scope;
    private readonly SignInKind _signInKind;

    public PartnerCenterClient(
        TokenCredential credential,
        CloudEndpoints endpoints,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        TimeProvider timeProvider,
        Func<IRemoteCallObserver?>? observer = null,
        HttpMessageHandler? transport = null,
        Guid? correlationId = null,
        SignInKind signInKind = SignInKind.Unknown,
        AdaptiveRateLimiter? limiter = null)
    {
        if (credential is null) throw new ArgumentNullException(nameof(credential));
        if (endpoints is null) throw new ArgumentNullException(nameof(endpoints));
        _credential = credential;
        _scope = endpoints.PartnerCenterScope;
        _signInKind = signInKind;
        CorrelationId = correlationId ?? Guid.NewGuid();
        Chain = new HttpHandlerChainBuilder(pipeline, timeProvider)
            .ObservedBy(observer)
            .PacedBy(limiter)
            .WithBearerToken(credential, endpoints.PartnerCenterScope)
            .Over(transport)
            .Build();
        _http = new HttpClient(Chain) { Timeout = Timeout.InfiniteTimeSpan };
        _base = new Uri(endpoints.PartnerCenter.ToString().TrimEnd('/') + "/v1/");
    }

    public Guid CorrelationId { get; }

    /// <summary>The outermost handler of this client's chain (exposed so tests can prove its order).</summary>
    internal DelegatingHandler Chain { get; }

    public async Task<Uri> GetRelationshipRequestLinkAsync(CancellationToken cancellationToken = default)
    {
        // request-reseller-relationship documents no query parameter: the answer is always the partner's direct link.
        const string path = "customers/relationshiprequests";
        using var document = await SendAsync(HttpMethod.Get, path, null, "Get the reseller relationship link", null, cancellationToken).ConfigureAwait(false);
        var url = document is null ? null : Str(document.RootElement, "url");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var link))
        {
            throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData, "Partner Center answered without a relationship request link.", path);
        }

        return link;
    }

    public IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, CancellationToken cancellationToken = default)
        => ReadCustomerPagesAsync(CustomersPath(pageSize), "List customers", cancellationToken);

    public IAsyncEnumerable<PartnerCustomerInfo> SearchCustomersAsync(CustomerSearch search, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        if (search is null) throw new ArgumentNullException(nameof(search));
        var path = CustomersPath(pageSize) + "&filter=" + Uri.EscapeDataString(search.ToFilterJson());
        return ReadCustomerPagesAsync(path, $"Search customers by {search.Field} starting with '{search.Prefix}'", cancellationToken);
    }

    private static string CustomersPath(int pageSize)
    {
        if (pageSize < 1 || pageSize > 500)
        {
            throw new PartnerRelationshipsException(ErrorIds.Remote.InvalidPageSize, ErrorKind.InvalidArgument, "The page size must be between 1 and 500.", pageSize);
        }

        return "customers?size=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async IAsyncEnumerable<PartnerCustomerInfo> ReadCustomerPagesAsync(string path, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            // Each page is read straight from its UTF-8 bytes, in a pooled buffer given back once the page is read (the
            // reader copies out what it keeps); only one page is held at a time.
            List<PartnerCustomerInfo> items;
            string? nextPath = null;
            using (var body = await SendForBodyAsync(HttpMethod.Get, path, null, operation, null, cancellationToken, continuation, rent: true).ConfigureAwait(false))
            {
                continuation = null;
                if (body is null)
                {
                    items = new List<PartnerCustomerInfo>();
                }
                else
                {
                    try
                    {
                        items = PartnerCenterCustomerPageReader.Read(body.Bytes.AsSpan(), out continuation, out nextPath);
                    }
                    catch (JsonException ex)
                    {
                        throw NotJson(operation, null, ex);
                    }
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
        var operation = "Remove the reseller relationship with " + customerTenantId;

        // remove-a-reseller-relationship-with-a-customer: this body, answered by 200 and a PascalCase Customer.
        const string body = "{\"relationshipToPartner\":\"none\",\"attributes\":{\"objectType\":\"Customer\"}}";
        using var document = await SendAsync(new HttpMethod("PATCH"), "customers/" + id, body, operation, customerTenantId, cancellationToken).ConfigureAwait(false);
        var relationship = document is null ? null : StrIgnoreCase(document.RootElement, "relationshipToPartner");
        if (relationship is not null && !relationship.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData,
                $"{operation}: Partner Center answered that the relationship is still '{relationship}'. Get the customer again to check, then retry.", customerTenantId);
        }
    }

    public async Task<IReadOnlyList<CustomerSubscriptionInfo>> ListSubscriptionsAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(customerTenantId);
        using var document = await SendAsync(HttpMethod.Get, $"customers/{id}/subscriptions", null, "List the subscriptions of " + customerTenantId, customerTenantId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return System.Array.Empty<CustomerSubscriptionInfo>();
        }

        return Array(document.RootElement, "items")
            .Select(ToSubscription)
            .Where(s => s.Id.Length > 0)
            .ToList();
    }

    public async Task<SupportContactInfo?> GetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, CancellationToken cancellationToken = default)
    {
        var path = SupportContactPath(customerTenantId, subscriptionId);
        try
        {
            using var document = await SendAsync(HttpMethod.Get, path, null, $"Get the support contact of subscription {subscriptionId}", subscriptionId, cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToSupportContact(document.RootElement);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
        {
            // The docs leave "no contact set" open; callers list the subscription first, so a 404 here means none is set.
            return null;
        }
    }

    public async Task<SupportContactInfo> SetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, SupportContactInfo contact, CancellationToken cancellationToken = default)
    {
        var path = SupportContactPath(customerTenantId, subscriptionId);
        if (contact is null) throw new ArgumentNullException(nameof(contact));
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["supportTenantId"] = contact.SupportTenantId,
            ["supportMpnId"] = contact.SupportMpnId,
            ["name"] = contact.Name,
            ["attributes"] = new Dictionary<string, string> { ["objectType"] = "SupportContact" },
        });
        using var document = await SendAsync(HttpMethod.Put, path, body, $"Set the support contact of subscription {subscriptionId}", subscriptionId, cancellationToken).ConfigureAwait(false);
        return (document is null ? null : ToSupportContact(document.RootElement)) ?? contact;
    }

    public async Task<IReadOnlyList<CustomerResellerRelationshipInfo>> ListCustomerRelationshipsAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var id = RequireId(customerTenantId);
        using var document = await SendAsync(HttpMethod.Get, $"customers/{id}/relationships", null, "List the resellers of " + customerTenantId, customerTenantId, cancellationToken).ConfigureAwait(false);

        // get-indirect-resellers-of-a-customer: the service may answer an empty body when there are none.
        if (document is null)
        {
            return System.Array.Empty<CustomerResellerRelationshipInfo>();
        }

        return Array(document.RootElement, "items")
            .Select(e => new CustomerResellerRelationshipInfo(Str(e, "id") ?? "", Str(e, "mpnId"), Str(e, "name") ?? "", Str(e, "relationshipType") ?? "", Str(e, "state")))
            .ToList();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>One logical call whose answer is JSON (null for an empty body).</summary>
    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, string? jsonBody, string operation, object? target, CancellationToken cancellationToken, string? continuationToken = null)
    {
        // Not rented: the document keeps the bytes it was parsed from.
        var body = await SendForBodyAsync(method, path, jsonBody, operation, target, cancellationToken, continuationToken).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body.Bytes.AsMemory());
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
    private async Task<RentedBody?> SendForBodyAsync(HttpMethod method, string path, string? jsonBody, string operation, object? target, CancellationToken cancellationToken, string? continuationToken = null, bool rent = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path));
        request.Headers.TryAddWithoutValidation(RequestIdHeader, Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(CorrelationIdHeader, CorrelationId.ToString());
        request.Headers.TryAddWithoutValidation(ContractVersionHeader, ContractVersion);
        request.Headers.Accept.ParseAdd("application/json");
        if (continuationToken is not null)
        {
            request.Headers.TryAddWithoutValidation(ContinuationHeader, continuationToken);
        }

        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        // Headers only: the resilience handler has already read the body whole (HttpClient would copy it once more).
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var (code, message) = ParseError(text);
            var error = RemoteErrors.FromStatus((int)response.StatusCode, operation, code, message ?? response.ReasonPhrase, target);
            if ((int)response.StatusCode == 403 && AppUserOnlyCalls.Describe(method.Method, path) is { } call
                && await IsAppOnlyAsync(cancellationToken).ConfigureAwait(false))
            {
                // Recognised by the call and the sign-in, never by the body's wording (which is undocumented).
                throw AppUserOnlyCalls.Refused(call, target, error);
            }

            throw error;
        }

        if (response.Content is null)
        {
            return null;
        }

        RentedBody body;
        if (IsUtf8(response.Content.Headers.ContentType?.CharSet))
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            body = rent
                ? await ResponseBody.ReadRentedAsync(stream, cancellationToken).ConfigureAwait(false)
                : RentedBody.NotPooled(await ResponseBody.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            // Another declared charset (not seen from Partner Center): let HttpContent decode it, as before.
            body = RentedBody.NotPooled(new ArraySegment<byte>(Encoding.UTF8.GetBytes(await response.Content.ReadAsStringAsync().ConfigureAwait(false))));
        }

        var json = Utf8JsonReading.WithoutBom(body.Bytes.AsSpan());
        if (Utf8JsonReading.IsBlank(json))
        {
            body.Dispose();
            return null;
        }

        body.KeepLast(json.Length);
        return body;
    }

    /// <summary>App-only as the sign-in mode says, or (for a given access token) as its claims say.</summary>
    private async Task<bool> IsAppOnlyAsync(CancellationToken cancellationToken)
    {
        if (_signInKind != SignInKind.Unknown)
        {
            return _signInKind == SignInKind.AppOnly;
        }

        try
        {
            var token = await TokenAcquisition.GetTokenAsync(_credential, _scope, cancellationToken).ConfigureAwait(false);
            return AccessTokenClaims.Read(token)?.Kind == SignInKind.AppOnly;
        }
        catch (PartnerRelationshipsException)
        {
            return false;
        }
    }

    private static bool IsUtf8(string? charset)
        => string.IsNullOrEmpty(charset) || charset!.Trim('"', ' ').Replace("-", "").Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static PartnerRelationshipsException NotJson(string operation, object? target, JsonException ex)
        => new(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData, $"{operation}: Partner Center answered with something that is not JSON.", target, ex);

    /// <summary>
    /// Both documented error shapes (error-codes): classic {"code", "description", "data", "source"} and newer
    /// {"code", "message", "description", "errorName", "isRetryable"}. The code is a number or a string; errorName is a
    /// label when present, never required.
    /// </summary>
    internal static (string? Code, string? Message) ParseError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            var name = StrIgnoreCase(root, "errorName");
            var code = root.EnumerateObject().FirstOrDefault(p => p.NameEquals("code") || p.Name.Equals("code", StringComparison.OrdinalIgnoreCase)).Value;
            var codeText = code.ValueKind is JsonValueKind.Number or JsonValueKind.String ? code.ToString() : null;
            if (string.IsNullOrWhiteSpace(codeText)) codeText = null;
            var message = StrIgnoreCase(root, "description") ?? StrIgnoreCase(root, "message") ?? ServiceErrorText.Extract(text);
            var label = name is null ? codeText : codeText is null ? name : $"{name} {codeText}";
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
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("allowDelegatedAccess", out var allow)
                ? allow.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
                : null);
    }

    /// <summary>A contact with no tenant id (an empty or all-null body) is no contact.</summary>
    private static SupportContactInfo? ToSupportContact(JsonElement e)
    {
        var tenant = StrIgnoreCase(e, "supportTenantId");
        return string.IsNullOrWhiteSpace(tenant) ? null : new SupportContactInfo(tenant!, StrIgnoreCase(e, "supportMpnId"), StrIgnoreCase(e, "name"));
    }

    private static CustomerSubscriptionInfo ToSubscription(JsonElement e) => new(
        Str(e, "id") ?? "",
        Str(e, "offerId"),
        Str(e, "offerName"),
        Str(e, "friendlyName"),
        Str(e, "status"),
        Str(e, "termDuration"));

    private string SupportContactPath(string customerTenantId, string subscriptionId)
        => $"customers/{RequireId(customerTenantId)}/subscriptions/{RequireSubscriptionId(subscriptionId)}/supportcontact";

    /// <summary>A property by name in any casing (the removal PATCH answers PascalCase; the update example sends it too).</summary>
    private static string? StrIgnoreCase(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
            }
        }

        return null;
    }

    private static string? Str(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static string RequireSubscriptionId(string? id)
        => string.IsNullOrWhiteSpace(id)
            ? throw new PartnerRelationshipsException(ErrorIds.Remote.MissingId, ErrorKind.InvalidArgument, "A subscription id is required.", id)
            : Uri.EscapeDataString(id!.Trim());

    private static string RequireId(string? id)
        => string.IsNullOrWhiteSpace(id)
            ? throw new PartnerRelationshipsException(ErrorIds.Remote.MissingId, ErrorKind.InvalidArgument, "A customer tenant id is required.", id)
            : Uri.EscapeDataString(id!.Trim());
}
