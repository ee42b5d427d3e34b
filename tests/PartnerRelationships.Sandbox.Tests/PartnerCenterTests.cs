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
    public async Task Relationship_request_link_is_the_documented_direct_link_whatever_the_query()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider, Delay = o.Delay, PartnerTenantId = "11111111-2222-3333-4444-555555555555",
        });

        var direct = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers/relationshiprequests")), HttpStatusCode.OK);

        // request-reseller-relationship documents no query parameter: one asking for an indirect link gets the direct one.
        var asked = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/relationshiprequests?indirectResellerId={Guid.NewGuid()}")), HttpStatusCode.OK);

        Assert.Equal(
            "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=11111111-2222-3333-4444-555555555555&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
            (string)direct["url"]!);
        Assert.Equal("RelationshipRequest", (string)direct["attributes"]!["objectType"]!);
        Assert.Equal((string)direct["url"]!, (string)asked["url"]!);
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
                Assert.StartsWith("/customers?size=2", (string)next["uri"]!); // without /v1, as the docs' next links are
                Assert.Equal(continuation, (string)next["headers"]![0]!["value"]!);
                Assert.Equal("MS-ContinuationToken", (string)next["headers"]![0]!["key"]!);
            }
        }
        while (continuation is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Customer {i}"), seen);
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
    public async Task Unknown_delegated_access_is_left_out_of_the_customer()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        Seeding.SandboxSeeder.Load(sandbox.State, new Seeding.SeedFile
        {
            Customers = { new Seeding.SeedCustomer { DisplayName = "Unknown DAP", AllowDelegatedAccess = null } },
        });

        var page = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers")), HttpStatusCode.OK);

        Assert.False(Assert.Single(page["items"]!.AsArray())!.AsObject().ContainsKey("allowDelegatedAccess"));
    }

    [Fact]
    public async Task Patch_relationshipToPartner_none_removes_the_reseller_relationship_unless_subscriptions_are_active()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var busy = sandbox.State.AcceptResellerLink("Busy", hasActiveSubscriptions: true).TenantId;
        var idle = sandbox.State.AcceptResellerLink("Idle").TenantId;

        var documented = new { relationshipToPartner = "none", attributes = new { objectType = "Customer" } };
        var withoutObjectType = await JsonAsync(
            await sandbox.Http.PatchAsJsonAsync($"v1/customers/{idle}", new { relationshipToPartner = "none" }), HttpStatusCode.BadRequest);
        var refused = await JsonAsync(
            await sandbox.Http.PatchAsJsonAsync($"v1/customers/{busy}", documented), HttpStatusCode.BadRequest);
        var removed = await JsonAsync(
            await sandbox.Http.PatchAsJsonAsync($"v1/customers/{idle}", documented), HttpStatusCode.OK);

        Assert.Equal(3000, (int)withoutObjectType["code"]!);
        Assert.Equal(600011, (int)refused["code"]!);
        Assert.Contains("active subscriptions", (string)refused["description"]!);

        // remove-a-reseller-relationship-with-a-customer answers PascalCase, mostly null.
        Assert.Equal("none", (string)removed["RelationshipToPartner"]!);
        Assert.Null(removed["AllowDelegatedAccess"]);
        Assert.Equal("Customer", (string)removed["Attributes"]!["ObjectType"]!);
        Assert.False(removed.ContainsKey("relationshipToPartner"));
        var remaining = await JsonAsync(await sandbox.Http.SendAsync(Get("v1/customers")), HttpStatusCode.OK);
        Assert.Equal(new[] { "Busy" }, remaining["items"]!.AsArray().Select(c => (string)c!["companyProfile"]!["companyName"]!));
        var contracts = await sandbox.Graph.Contracts.GetAsync();
        Assert.Equal("Busy", Assert.Single(contracts!.Value!).DisplayName);
    }

    [Fact]
    public async Task There_is_no_customer_level_support_contact()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = sandbox.State.AcceptResellerLink("Supported").TenantId;

        var response = await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}/supportcontact"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_has_a_legacy_and_a_new_commerce_subscription()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = sandbox.State.AcceptResellerLink("Subscribed", hasActiveSubscriptions: true).TenantId;

        var list = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}/subscriptions")), HttpStatusCode.OK);

        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(2, (int)list["totalCount"]!);
        Assert.Equal(new[] { State.SandboxSubscriptions.LegacyOfferId, State.SandboxSubscriptions.NewCommerceOfferId }, items.Select(i => (string)i["offerId"]!));
        Assert.All(items, i => Assert.Equal("active", (string)i["status"]!));
        Assert.All(items, i => Assert.Equal("Subscription", (string)i["attributes"]!["objectType"]!));
    }

    [Fact]
    public async Task Support_contact_per_subscription_is_404_until_set_then_returned()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var reseller = new SandboxOptions().IndirectResellers[0];
        var tenant = sandbox.State.AcceptResellerLink("Supported").TenantId;
        var legacy = sandbox.State.ListSubscriptions(tenant).Single(s => !s.IsNewCommerce).Id;
        var path = $"v1/customers/{tenant}/subscriptions/{legacy}/supportcontact";

        var none = await JsonAsync(await sandbox.Http.SendAsync(Get(path)), HttpStatusCode.NotFound);

        // The update page's own request example sends PascalCase names.
        var put = await JsonAsync(await sandbox.Http.PutAsJsonAsync(path,
            new { SupportTenantId = reseller.Id, SupportMpnId = reseller.MpnId, Name = "Tailspin Support", Attributes = new { ObjectType = "SupportContact" } }), HttpStatusCode.OK);
        var got = await JsonAsync(await sandbox.Http.SendAsync(Get(path)), HttpStatusCode.OK);

        Assert.Equal(1000, (int)none["code"]!);
        Assert.False(none.ContainsKey("errorName")); // the classic shape
        Assert.Equal(reseller.Id, (string)put["supportTenantId"]!);
        Assert.Equal(reseller.MpnId, (string)got["supportMpnId"]!);
        Assert.Equal("Tailspin Support", (string)got["name"]!);
        Assert.Equal("SupportContact", (string)got["attributes"]!["objectType"]!);
        Assert.EndsWith($"/subscriptions/{legacy}/supportcontact", (string)got["links"]!["self"]!["uri"]!);
    }

    [Fact]
    public async Task Support_contact_must_be_one_of_the_partners_indirect_resellers_on_a_legacy_subscription()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var reseller = new SandboxOptions().IndirectResellers[0];
        var tenant = sandbox.State.AcceptResellerLink("Supported").TenantId;
        var subscriptions = sandbox.State.ListSubscriptions(tenant);
        var legacy = subscriptions.Single(s => !s.IsNewCommerce).Id;
        var nce = subscriptions.Single(s => s.IsNewCommerce).Id;

        var stranger = await JsonAsync(await sandbox.Http.PutAsJsonAsync($"v1/customers/{tenant}/subscriptions/{legacy}/supportcontact",
            new { supportTenantId = Guid.NewGuid().ToString(), supportMpnId = "1111111", name = "Stranger" }), HttpStatusCode.BadRequest);
        var wrongMpn = await JsonAsync(await sandbox.Http.PutAsJsonAsync($"v1/customers/{tenant}/subscriptions/{legacy}/supportcontact",
            new { supportTenantId = reseller.Id, supportMpnId = "1111111", name = reseller.Name }), HttpStatusCode.BadRequest);
        var newCommerce = await JsonAsync(await sandbox.Http.PutAsJsonAsync($"v1/customers/{tenant}/subscriptions/{nce}/supportcontact",
            new { supportTenantId = reseller.Id, supportMpnId = reseller.MpnId, name = reseller.Name }), HttpStatusCode.BadRequest);
        var newCommerceGet = await JsonAsync(await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}/subscriptions/{nce}/supportcontact")), HttpStatusCode.BadRequest);

        Assert.Equal(800016, (int)stranger["code"]!);
        Assert.Equal("PartnerFD", (string)stranger["source"]!);
        Assert.Equal(800016, (int)wrongMpn["code"]!);
        Assert.Equal(800042, (int)newCommerce["code"]!);
        Assert.Contains("new commerce", (string)newCommerce["description"]!);
        Assert.Equal(800042, (int)newCommerceGet["code"]!);
        Assert.Null(sandbox.State.GetSupportContact(tenant, legacy));
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
        Assert.Equal("is_indirect_cloud_solution_provider_of", (string)item["relationshipType"]!);
        Assert.Equal("Active", (string)item["state"]!);
        Assert.Matches("^[0-9]{7}$", (string)item["mpnId"]!);
    }

    [Fact]
    public async Task Customer_relationships_answer_an_empty_body_when_there_are_none()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = sandbox.State.AcceptResellerLink("Direct only").TenantId;

        var response = await sandbox.Http.SendAsync(Get($"v1/customers/{tenant}/relationships"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Answers_echo_the_request_and_correlation_ids()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var request = Get("v1/customers");

        var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(request.Headers.GetValues("MS-RequestId").Single(), response.Headers.GetValues("MS-RequestId").Single());
        Assert.Equal(request.Headers.GetValues("MS-CorrelationId").Single(), response.Headers.GetValues("MS-CorrelationId").Single());
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
