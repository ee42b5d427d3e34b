using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

/// <summary>Customer pages are read from their bytes: errors mid-list, bodies that are not JSON, encodings.</summary>
public class PartnerCenterClientListingTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly FakePartnerCenterServer _server = new();
    private readonly PartnerCenterClient _client;

    public PartnerCenterClientListingTests()
    {
        _client = _server.CreateClient(_clock);
    }

    public void Dispose() => _client.Dispose();

    private static HttpResponseMessage Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static string OnePage(params int[] customers)
        => new JsonObject { ["totalCount"] = customers.Length, ["items"] = new JsonArray(customers.Select(i => (JsonNode)FakePartnerCenterServer.Customer(i)).ToArray()) }.ToJsonString();

    [Fact]
    public async Task An_error_on_a_later_page_comes_after_the_customers_already_read()
    {
        _server.CustomerCount = 5;
        _server.Fault(_ => null).Fault(_ => FakePartnerCenterServer.Error(HttpStatusCode.Forbidden, 900183, "Forbidden", "The user is not an admin agent."));

        var seen = new List<string>();
        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(async () =>
        {
            await foreach (var c in _client.ListCustomersAsync(2)) seen.Add(c.TenantId);
        });

        Assert.Equal(new[] { "cust-0", "cust-1" }, seen);
        Assert.Equal("RemoteForbidden", ex.ErrorId);
        Assert.Contains("List customers failed (HTTP 403, Forbidden 900183): The user is not an admin agent.", ex.Message);
        Assert.Equal("2", _server.Requests[1].Headers["MS-ContinuationToken"]);
    }

    [Fact]
    public async Task A_page_that_is_not_json_is_RemoteInvalidResponse()
    {
        _server.Fault(_ => Body(Encoding.UTF8.GetBytes("<html>proxy error</html>"), "text/html"));

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => _client.ListCustomersAsync().ToListAsync().AsTask());

        Assert.Equal("RemoteInvalidResponse", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Category);
        Assert.Equal("List customers: Partner Center answered with something that is not JSON.", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n")]
    public async Task An_empty_page_ends_the_listing(string body)
    {
        _server.Fault(_ => Body(Encoding.UTF8.GetBytes(body), "application/json"));

        Assert.Empty(await _client.ListCustomersAsync().ToListAsync());
    }

    [Fact]
    public async Task A_byte_order_mark_and_another_declared_charset_are_read()
    {
        _server.Fault(_ => Body(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(OnePage(1))).ToArray(), "application/json; charset=utf-8"));
        _server.Fault(_ => Body(Encoding.Unicode.GetBytes(OnePage(2)), "application/json; charset=utf-16"));

        var first = await _client.ListCustomersAsync().ToListAsync();
        var second = await _client.ListCustomersAsync().ToListAsync();

        Assert.Equal(new PartnerCustomerInfo("cust-1", "Customer 1", "c1.onmicrosoft.com", "reseller", false), Assert.Single(first));
        Assert.Equal(new PartnerCustomerInfo("cust-2", "Customer 2", "c2.onmicrosoft.com", "reseller", true), Assert.Single(second));
    }

    [Fact]
    public async Task Single_reads_still_parse_after_the_byte_path()
    {
        var customer = await _client.GetCustomerAsync("cust-2");
        var link = await _client.GetRelationshipRequestLinkAsync();

        Assert.Equal(new PartnerCustomerInfo("cust-2", "Customer 2", "c2.onmicrosoft.com", "reseller", true), customer);
        Assert.StartsWith("https://admin.microsoft.com/", link.ToString());
    }
}
