using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.Tests;

/// <summary>Partner Center REST through plain HTTP, as the module's own client calls it.</summary>
public sealed class PartnerCenterTests
{
    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static HttpRequestMessage Get(string path, string? continuation = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        request.Headers.Add("MS-CorrelationId", Guid.NewGuid().ToString());
        if (continuation is not null)
        {
            request.Headers.Add("MS-ContinuationToken", continuation);
        }

        return request;
    }

    [Fact]
    public async Task Relationship_request_link_for_a_direct_partner_and_for_an_indirect_reseller()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider, Delay = o.Delay, PartnerTenantId = "11111111-2222-3333-4444-555555555555",
        });

        var direct = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers/relationshiprequests")), HttpStatusCode.OK);
        var reseller = Guid.NewGuid().ToString();
        var indirect = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/relationshiprequests?indirectResellerId={reseller}")), HttpStatusCode.OK);

        Assert.Equal(
            "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=11111111-2222-3333-4444-555555555555&msppId=0&DAP=true#/BillingAccounts/partner-invitation",
            (string)direct["url"]!);
        Assert.Equal("CustomerRelationshipRequest", (string)direct["attributes"]!["objectType"]!);
        var indirectUrl = (string)indirect["url"]!;
        Assert.Contains("invType=IndirectResellerRelationship", indirectUrl);
        Assert.Contains($"partnerId={reseller}", indirectUrl);
        Assert.Contains("indirectCSPId=11111111-2222-3333-4444-555555555555", indirectUrl);
    }

    [Fact]
    public async Task Customers_page_with_the_continuation_token_header()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            sandbox.State.AcceptResellerLink($"Customer {i}");
        }

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers?size=2", continuation)), HttpStatusCode.OK);
            pages++;
            var items = page["items"]!.AsArray();
            Assert.Equal(items.Count, (int)page["totalCount"]!);
            seen.AddRange(items.Select(c => (string)c!["companyProfile"]!["companyName"]!));
            continuation = (string?)page["continuationToken"];
            if (continuation is not null)
            {
                var next = page["links"]!["next"]!;
                Assert.Equal(continuation, (string)next["headers"]![0]!["value"]!);
                Assert.Equal("MS-ContinuationToken", (string)next["headers"]![0]!["key"]!);
            }
        }
        while (continuation is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Customer {i}"), seen);
    }

    [Fact]
    public async Task Customers_filter_by_company_name_or_domain_prefix_ignoring_case_as_documented()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.ControlAsync("_sandbox/customers/accept-reseller", new { displayName = "Contoso190", domain = "contoso190.onmicrosoft.com" });
        await sandbox.ControlAsync("_sandbox/customers/accept-reseller", new { displayName = "Contoso", domain = "ContosoCorpCo.onmicrosoft.com" });
        await sandbox.ControlAsync("_sandbox/customers/accept-reseller", new { displayName = "Fabrikam", domain = "fabrikam.onmicrosoft.com" });

        // The request example of "Get a list of customers filtered by a search field", its filter encoded as there.
        var byName = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers?size=10&filter=%7B%22Field%22%3A%22CompanyName%22%2C%22Value%22%3A%22Cont%22%2C%22Operator%22%3A%22starts_with%22%7D")), HttpStatusCode.OK);
        var byDomain = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers?size=10&filter=" + Uri.EscapeDataString("{\"Field\":\"Domain\",\"Value\":\"fab\",\"Operator\":\"starts_with\"}"))), HttpStatusCode.OK);
        var badOperator = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers?filter=" + Uri.EscapeDataString("{\"Field\":\"CompanyName\",\"Value\":\"c\",\"Operator\":\"equals\"}"))), HttpStatusCode.BadRequest);

        Assert.Equal(new[] { "Contoso190", "Contoso" }, byName["items"]!.AsArray().Select(c => (string)c!["companyProfile"]!["companyName"]!));
        Assert.Equal(2, (int)byName["totalCount"]!);
        Assert.Equal(new[] { "Fabrikam" }, byDomain["items"]!.AsArray().Select(c => (string)c!["companyProfile"]!["companyName"]!));
        Assert.Contains("starts_with", (string)badOperator["description"]!);
    }

    [Fact]
    public async Task A_bad_continuation_token_is_a_400_in_partner_center_shape()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers", "garbage!")), HttpStatusCode.BadRequest);

        Assert.IsType<int>((int)error["code"]!);
        Assert.Equal("InvalidContinuationToken", (string)error["errorName"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["description"]));
    }

    [Fact]
    public async Task Get_customer_has_the_profile_and_relationship_fields()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = Guid.NewGuid().ToString();
        await sandbox.ControlAsync("_sandbox/customers/accept-reseller", new { displayName = "Contoso", tenantId = tenant, domain = "contoso.onmicrosoft.com" });

        var customer = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}")), HttpStatusCode.OK);
        var missing = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{Guid.NewGuid()}")), HttpStatusCode.NotFound);

        Assert.Equal(tenant, (string)customer["id"]!);
        Assert.Equal(tenant, (string)customer["companyProfile"]!["tenantId"]!);
        Assert.Equal("contoso.onmicrosoft.com", (string)customer["companyProfile"]!["domain"]!);
        Assert.Equal("Contoso", (string)customer["companyProfile"]!["companyName"]!);
        Assert.Equal("reseller", (string)customer["relationshipToPartner"]!);
        Assert.True((bool)customer["allowDelegatedAccess"]!);
        Assert.Equal("CustomerNotFound", (string)missing["errorName"]!);
    }

    [Fact]
    public async Task Patch_relationshipToPartner_none_removes_the_reseller_relationship_unless_subscriptions_are_active()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var busy = sandbox.State.AcceptResellerLink("Busy", hasActiveSubscriptions: true).TenantId;
        var idle = sandbox.State.AcceptResellerLink("Idle").TenantId;

        var refused = await JsonAsync(
            await sandbox.Http.PatchAsJsonAsync($"v1/customers/{busy}", new { relationshipToPartner = "none" }), HttpStatusCode.BadRequest);
        var removed = await JsonAsync(
            await sandbox.Http.PatchAsJsonAsync($"v1/customers/{idle}", new { relationshipToPartner = "none" }), HttpStatusCode.OK);

        Assert.Equal(600011, (int)refused["code"]!);
        Assert.Contains("active subscriptions", (string)refused["description"]!);
        Assert.Equal("none", (string)removed["relationshipToPartner"]!);
        Assert.False((bool)removed["allowDelegatedAccess"]!);
        var remaining = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers")), HttpStatusCode.OK);
        Assert.Equal(new[] { "Busy" }, remaining["items"]!.AsArray().Select(c => (string)c!["companyProfile"]!["companyName"]!));
        var contracts = await sandbox.Graph.Contracts.GetAsync();
        Assert.Equal("Busy", Assert.Single(contracts!.Value!).DisplayName);
    }

    [Fact]
    public async Task Support_contact_is_404_until_set_then_returned()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = sandbox.State.AcceptResellerLink("Supported").TenantId;
        var support = Guid.NewGuid().ToString();

        await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}/supportcontact")), HttpStatusCode.NotFound);
        var put = await JsonAsync(await sandbox.Http.PutAsJsonAsync($"v1/customers/{tenant}/supportcontact",
            new { supportTenantId = support, supportMpnId = "7654321", name = "Fabrikam Support" }), HttpStatusCode.OK);
        var got = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}/supportcontact")), HttpStatusCode.OK);
        await JsonAsync(await sandbox.Http.PutAsJsonAsync($"v1/customers/{tenant}/supportcontact", new { name = "No tenant" }), HttpStatusCode.BadRequest);

        Assert.Equal(support, (string)put["supportTenantId"]!);
        Assert.Equal("7654321", (string)got["supportMpnId"]!);
        Assert.Equal("Fabrikam Support", (string)got["name"]!);
    }

    [Fact]
    public async Task Customer_relationships_list_the_indirect_resellers()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var reseller = Guid.NewGuid().ToString();
        var tenant = (string)(await sandbox.ControlAsync("_sandbox/customers/accept-reseller",
            new { displayName = "Via reseller", indirectResellerId = reseller, indirectResellerName = "Tailspin Reseller" }))["id"]!;

        var relationships = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}/relationships")), HttpStatusCode.OK);

        var item = Assert.Single(relationships["items"]!.AsArray())!;
        Assert.Equal(reseller, (string)item["id"]!);
        Assert.Equal("Tailspin Reseller", (string)item["name"]!);
        Assert.Equal("IsIndirectResellerOf", (string)item["relationshipType"]!);
        Assert.Equal("Active", (string)item["state"]!);
        Assert.Matches("^[0-9]{7}$", (string)item["mpnId"]!);
    }

    [Fact]
    public async Task Removing_admin_rights_shows_in_allowDelegatedAccess()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = sandbox.State.AcceptResellerLink("Removes us").TenantId;

        await sandbox.ControlAsync($"_sandbox/customers/{tenant}/remove-admin");
        var customer = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}")), HttpStatusCode.OK);

        Assert.False((bool)customer["allowDelegatedAccess"]!);
        Assert.Equal("reseller", (string)customer["relationshipToPartner"]!);
    }

    [Fact]
    public async Task Without_a_token_partner_center_answers_401_in_its_own_shape()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await JsonAsync(await sandbox.Anonymous.SendAsync(Get("v1/customers")), HttpStatusCode.Unauthorized);

        Assert.Equal(401, (int)error["code"]!);
        Assert.Equal("Unauthorized", (string)error["errorName"]!);
    }
}
