using System.Net;
using System.Text.Json.Nodes;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

public class PartnerCenterClientTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly FakePartnerCenterServer _server = new();
    private readonly RecordingObserver _observer = new();
    private readonly PartnerCenterClient _client;

    public PartnerCenterClientTests()
    {
        _client = _server.CreateClient(_clock, () => _observer);
    }

    public void Dispose() => _client.Dispose();

    private async Task<T> Run<T>(Func<IPartnerCenterClient, Task<T>> call)
    {
        var task = call(_client);
        await _clock.DriveAsync(task, ResilienceHarness.RetryWait);
        return await task;
    }

    [Fact]
    public async Task Relationship_request_link()
    {
        var link = await _client.GetRelationshipRequestLinkAsync();

        Assert.Contains("invType=ResellerRelationship", link.ToString());
        var request = _server.Requests.Single();
        Assert.Equal("/v1/customers/relationshiprequests", request.PathAndQuery);
        Assert.Equal("Bearer pc-token", request.Headers["Authorization"]);
        Assert.True(Guid.TryParse(request.Headers["MS-RequestId"], out _));
        Assert.Equal(_client.CorrelationId.ToString(), request.Headers["MS-CorrelationId"]);
    }

    [Fact]
    public async Task Every_request_carries_the_documented_headers()
    {
        // headers: MS-Contract-Version is marked required; MS-RequestId and MS-CorrelationId on every call.
        await _client.GetRelationshipRequestLinkAsync();
        await _client.GetCustomerAsync("cust-0");

        Assert.All(_server.Requests, r =>
        {
            Assert.Equal("v1", r.Headers["MS-Contract-Version"]);
            Assert.Equal("application/json", r.Headers["Accept"]);
            Assert.True(Guid.TryParse(r.Headers["MS-RequestId"], out _));
        });
        Assert.Equal(2, _server.Requests.Select(r => r.Headers["MS-RequestId"]).Distinct().Count());
    }

    [Fact]
    public async Task Request_id_is_the_same_across_retries_and_new_per_call()
    {
        _server.Fault(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)).Fault(_ => throw new HttpRequestException("reset"));

        await Run(c => c.GetCustomerAsync("cust-0"));
        await _client.GetCustomerAsync("cust-2");

        var ids = _server.Requests.Select(r => r.Headers["MS-RequestId"]).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Single(ids.Take(3).Distinct());
        Assert.NotEqual(ids[0], ids[3]);
        Assert.Single(_server.Requests.Select(r => r.Headers["MS-CorrelationId"]).Distinct());
    }

    [Fact]
    public async Task Customers_stream_over_continuation_tokens_with_one_page_in_flight()
    {
        _server.CustomerCount = 10_000;
        var seen = 0;
        var pagesWhenSeen150 = 0;
        await foreach (var customer in _client.ListCustomersAsync(100))
        {
            seen++;
            if (seen == 150) pagesWhenSeen150 = _server.Requests.Count;
        }

        Assert.Equal(10_000, seen);
        Assert.Equal(2, pagesWhenSeen150);
        Assert.Equal(100, _server.Requests.Count);
        Assert.False(_server.Requests[0].Headers.ContainsKey("MS-ContinuationToken"));
        Assert.Equal("100", _server.Requests[1].Headers["MS-ContinuationToken"]);
        Assert.All(_server.Requests, r => Assert.Equal("/v1/customers?size=100", r.PathAndQuery));
    }

    [Fact]
    public async Task Customer_maps_company_profile()
    {
        var customer = await _client.GetCustomerAsync("cust-2");

        Assert.Equal(new PartnerCustomerInfo("cust-2", "Customer 2", "c2.onmicrosoft.com", "reseller", true), customer);
    }

    [Fact]
    public async Task Partner_center_errors_map_to_stable_ids_with_the_service_message()
    {
        var missing = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => _client.GetCustomerAsync("cust-99"));
        Assert.Equal("RemoteNotFound", missing.ErrorId);
        Assert.Contains("The customer was not found", missing.Message);
        Assert.Contains("CustomerNotFound", missing.Message);

        var refused = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => _client.RemoveResellerRelationshipAsync("cust-1"));
        Assert.Equal("RemoteBadRequest", refused.ErrorId);
        Assert.Contains("active subscriptions", refused.Message);
        Assert.Equal(2, _server.Requests.Count); // 4xx are not retried
    }

    [Fact]
    public async Task Remove_reseller_relationship_patches_none()
    {
        await _client.RemoveResellerRelationshipAsync("cust-0");

        var request = _server.Requests.Single();
        Assert.Equal("PATCH", request.Method);

        // remove-a-reseller-relationship-with-a-customer's request body, exactly.
        Assert.Equal("{\"relationshipToPartner\":\"none\",\"attributes\":{\"objectType\":\"Customer\"}}", request.Body);
        Assert.Contains("cust-0", _server.RemovedRelationships);
    }

    [Fact]
    public async Task A_removal_answered_as_still_reseller_is_not_reported_done()
    {
        _server.PatchAnswer = "reseller";

        var e = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => _client.RemoveResellerRelationshipAsync("cust-0"));

        Assert.Equal("RemoteInvalidResponse", e.ErrorId);
        Assert.Contains("still 'reseller'", e.Message);
    }

    [Fact]
    public async Task Subscriptions_tell_new_commerce_from_legacy()
    {
        var subscriptions = await _client.ListSubscriptionsAsync("cust-0");

        Assert.Equal(new[] { "sub-legacy", "sub-nce" }, subscriptions.Select(s => s.Id));
        Assert.Equal(SupportContactAvailability.Available, subscriptions[0].SupportContactAvailability);
        Assert.Equal(SupportContactAvailability.NotSupported, subscriptions[1].SupportContactAvailability);
        Assert.Equal("/v1/customers/cust-0/subscriptions", _server.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Support_contact_round_trip_per_subscription()
    {
        Assert.Null(await _client.GetSubscriptionSupportContactAsync("cust-0", "sub-legacy"));

        var set = await _client.SetSubscriptionSupportContactAsync("cust-0", "sub-legacy", new SupportContactInfo("tenant-r", "555", "Reseller One"));
        var got = await _client.GetSubscriptionSupportContactAsync("cust-0", "sub-legacy");

        Assert.Equal(new SupportContactInfo("tenant-r", "555", "Reseller One"), set);
        Assert.Equal(set, got);
        Assert.Equal("PUT", _server.Requests[1].Method);
        Assert.Equal("/v1/customers/cust-0/subscriptions/sub-legacy/supportcontact", _server.Requests[1].PathAndQuery);
        Assert.Equal("SupportContact", JsonNode.Parse(_server.Requests[1].Body!)!["attributes"]!["objectType"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_relationships_body_is_no_resellers()
    {
        Assert.Empty(await _client.ListCustomerRelationshipsAsync("cust-2"));
    }

    [Theory]
    [InlineData("{\"code\":3000,\"description\":\"Invalid property\",\"data\":[],\"source\":\"PartnerFD\"}", "HTTP 400, 3000", "Invalid property")]
    [InlineData("{\"code\":600061,\"message\":\"A partner confirmed agreement already exists for the customer.\",\"description\":\"A partner confirmed agreement already exists for the customer.\",\"errorName\":\"PartnerConfirmedAgreementAlreadyExists\",\"isRetryable\":false}",
        "HTTP 400, PartnerConfirmedAgreementAlreadyExists 600061", "A partner confirmed agreement already exists")]
    [InlineData("{\"code\":\"800016\",\"message\":\"MPN Id is not a valid Indirect Reseller\"}", "HTTP 400, 800016", "MPN Id is not a valid Indirect Reseller")]
    public async Task Both_error_shapes_are_read_without_an_error_name(string body, string code, string message)
    {
        _server.Fault(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });

        var e = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => _client.GetCustomerAsync("cust-0"));

        Assert.Equal("RemoteBadRequest", e.ErrorId);
        Assert.Contains(code, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task Customer_relationships()
    {
        var relationships = await _client.ListCustomerRelationshipsAsync("cust-0");

        Assert.Equal(new CustomerResellerRelationshipInfo("r1", "555", "Reseller One", "IsIndirectResellerOf", "Active"), Assert.Single(relationships));
    }

    [Fact]
    public async Task Verbose_trace_has_every_attempt_and_no_token()
    {
        _server.Fault(_ => new HttpResponseMessage((HttpStatusCode)429) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1)) } });

        await Run(c => c.GetCustomerAsync("cust-0"));

        var lines = _observer.Attempts.Select(a => a.ToString()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("GET /v1/customers/cust-0 -> 429 (attempt 1, 0 ms, retrying in 1s)", lines[0]);
        Assert.StartsWith("GET /v1/customers/cust-0 -> 200 (attempt 2", lines[1]);
        Assert.DoesNotContain("pc-token", _observer.AllText());
        // Authorization is added inside the retry handler, so the trace shows the request as the caller built it.
        Assert.Contains("MS-RequestId", _observer.AllText());
    }
}
