using System.Net.Http.Headers;
using System.Text.Json;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// The least any client could do: one HttpClient, a bearer token, the Partner Center customer pages read with
/// System.Text.Json and the continuation header sent back. No retries, no pipeline, no mapping beyond three strings.
/// </summary>
internal sealed class RawCustomerLister : IDisposable
{
    private readonly HttpClient _http;

    public RawCustomerLister(Uri sandbox, string token)
    {
        _http = new HttpClient { BaseAddress = sandbox };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<int> CountCustomersAsync(int pageSize)
    {
        var count = 0;
        string? continuation = null;
        do
        {
            continuation = await ReadCustomerPageAsync(pageSize, continuation, (_, _, _) => count++);
        }
        while (continuation is not null);

        return count;
    }

    /// <summary>
    /// One page of customers: each item's id, company name and domain handed to <paramref name="onCustomer"/>; returns
    /// the continuation token for the next page, null after the last. (The bench's pipeline baseline writes each
    /// customer to PowerShell's pipeline between pages, on the cmdlet's own thread.)
    /// </summary>
    public async Task<string?> ReadCustomerPageAsync(int pageSize, string? continuation, Action<string?, string?, string?> onCustomer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers?size={pageSize}");
        if (continuation is not null)
        {
            request.Headers.TryAddWithoutValidation("MS-ContinuationToken", continuation);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var profile = item.GetProperty("companyProfile");
            onCustomer(item.GetProperty("id").GetString(), profile.GetProperty("companyName").GetString(), profile.GetProperty("domain").GetString());
        }

        return document.RootElement.TryGetProperty("continuationToken", out var token) ? token.GetString() : null;
    }

    /// <summary>
    /// The granular relationships as CustomerDirectory reads them before the customers: Graph pages at the service's
    /// default size, following @odata.nextLink; returns how many have a customer.
    /// </summary>
    /// <param name="top">$top to ask for; null (the baseline) leaves the service's default page size.</param>
    public async Task<int> CountRelationshipsAsync(int? top = null)
    {
        var count = 0;
        string? next = "v1.0/tenantRelationships/delegatedAdminRelationships" + (top is { } size ? "?$top=" + size : "");
        while (next is not null)
        {
            using var response = await _http.GetAsync(next, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var document = await JsonDocument.ParseAsync(stream);
            foreach (var item in document.RootElement.GetProperty("value").EnumerateArray())
            {
                if (item.TryGetProperty("customer", out var customer) && customer.ValueKind == JsonValueKind.Object
                    && customer.TryGetProperty("tenantId", out var tenant) && tenant.GetString() is not null)
                {
                    _ = (item.GetProperty("id").GetString(), item.GetProperty("displayName").GetString(), item.GetProperty("status").GetString());
                    count++;
                }
            }

            next = document.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return count;
    }

    public void Dispose() => _http.Dispose();
}
