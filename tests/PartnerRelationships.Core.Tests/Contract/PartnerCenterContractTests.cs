using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Remote;
using PartnerRelationships.Core.Tests.Resilience;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Tests.Workflow;
using PartnerRelationships.Sandbox.Seeding;
using static PartnerRelationships.Core.Tests.Contract.PartnerCenterDocExamples;

namespace PartnerRelationships.Core.Tests.Contract;

/// <summary>
/// The Partner Center docs' own examples (<see cref="PartnerCenterDocExamples"/>, each naming its page) through the
/// client's readers, and the same values through the sandbox and back: a documented response parses to the documented
/// values, and the sandbox answers what the docs show.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class PartnerCenterContractTests : IDisposable
{
    private readonly FakePartnerCenterServer _docs = new();
    private readonly PartnerCenterClient _client;

    public PartnerCenterContractTests()
    {
        _client = _docs.CreateClient(new TestClock());
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The next call is answered with this documented body, verbatim.</summary>
    private void Answer(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        _docs.Fault(_ => new HttpResponseMessage(status) { Content = new StringContent(body, new UTF8Encoding(false), "application/json") });

    [Fact]
    public async Task Request_reseller_relationship_example_parses_to_the_documented_link()
    {
        Answer(RelationshipRequest);

        var link = await _client.GetRelationshipRequestLinkAsync();

        Assert.Equal("https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3b33e682-00c3-41ee-9dd2-a548adf56438&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
            link.AbsoluteUri);
    }

    [Fact]
    public async Task Get_a_list_of_customers_example_parses_with_delegated_access_unknown()
    {
        Answer(CustomerList);

        var customers = await _client.ListCustomersAsync(40).ToListAsync();

        Assert.Equal(new[]
        {
            new PartnerCustomerInfo("<guid>", "companyName", "domain", "reseller", null),
            new PartnerCustomerInfo("<guid>", "companyName", "domain", "reseller", null),
        }, customers);
        Assert.Single(_docs.Requests); // no links.next: one page
    }

    [Fact]
    public void A_customer_page_with_the_documented_next_link_shape_continues_without_the_v1_prefix()
    {
        // get-a-list-of-customers gives no next-page example; the shape is get-invoiceline-items' (see the constant).
        var items = PartnerCenterCustomerPageReader.Read(Encoding.UTF8.GetBytes(CustomerPageWithNext), out var continuation, out var nextPath);

        Assert.Equal("companyName", Assert.Single(items).CompanyName);
        Assert.Equal("customers?size=1&seekOperation=Next", nextPath);
        Assert.StartsWith("d19617b8-fbe5-4684-a5d8-0230972fb0cf,", continuation);
    }

    [Fact]
    public async Task The_client_follows_the_documented_next_link_with_the_continuation_header()
    {
        Answer(CustomerPageWithNext);
        Answer(CustomerList);

        var customers = await _client.ListCustomersAsync(1).ToListAsync();

        Assert.Equal(3, customers.Count);
        var second = _docs.Requests[1];
        Assert.Equal("/v1/customers?size=1&seekOperation=Next", second.PathAndQuery);
        Assert.StartsWith("d19617b8-fbe5-4684-a5d8-0230972fb0cf,", second.Headers["MS-ContinuationToken"]);
    }

    [Fact]
    public async Task Get_a_customer_by_id_example_parses_to_the_documented_values()
    {
        Answer(CustomerById);

        var customer = await _client.GetCustomerAsync("eebd1b55-5360-4438-a11d-5c06918c3014");

        Assert.Equal(new PartnerCustomerInfo("eebd1b55-5360-4438-a11d-5c06918c3014", "1kl as kjk", "abcdefgh1234.ccsctp.net", "reseller", true), customer);
    }

    [Fact]
    public async Task Remove_a_reseller_relationship_sends_the_documented_body_and_reads_the_pascal_case_answer()
    {
        Answer(RemoveResellerResponse);

        await _client.RemoveResellerRelationshipAsync("eebd1b55-5360-4438-a11d-5c06918c3014");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RemoveResellerRequest), JsonNode.Parse(_docs.Requests.Single().Body!)));
    }

    [Fact]
    public async Task Get_all_of_a_customers_subscriptions_example_parses_and_its_missing_offer_id_is_unknown()
    {
        Answer(Subscriptions);

        var subscription = Assert.Single(await _client.ListSubscriptionsAsync("eebd1b55-5360-4438-a11d-5c06918c3014"));

        Assert.Equal(new CustomerSubscriptionInfo("83ef9d05-4169-4ef9-9657-0e86b1eab1de", null, null, "nickname", "active", null), subscription);
        Assert.Equal(SupportContactAvailability.Unknown, subscription.SupportContactAvailability);
    }

    [Fact]
    public async Task Get_a_subscriptions_support_contact_example_parses_despite_its_byte_order_mark()
    {
        Answer(SupportContact);

        var contact = await _client.GetSubscriptionSupportContactAsync("0c39d6d5-c70d-4c55-bc02-f620844f3fd1", "C8D8FBAB-6A62-44DC-BE50-B7C74E43A296");

        Assert.Equal(new SupportContactInfo("3B33E682-00C3-41EE-9DD2-A548ADF56438", "4391507", "Trey Research"), contact);
        Assert.Equal("/v1/customers/0c39d6d5-c70d-4c55-bc02-f620844f3fd1/subscriptions/C8D8FBAB-6A62-44DC-BE50-B7C74E43A296/supportcontact", _docs.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Update_a_subscriptions_support_contact_example_answer_parses()
    {
        Answer(SupportContact); // the update page's response example is the same resource as the get page's

        var contact = await _client.SetSubscriptionSupportContactAsync("0c39d6d5-c70d-4c55-bc02-f620844f3fd1", "C8D8FBAB-6A62-44DC-BE50-B7C74E43A296",
            new SupportContactInfo("3B33E682-00C3-41EE-9DD2-A548ADF56438", "4391507", "Trey Research"));

        Assert.Equal(new SupportContactInfo("3B33E682-00C3-41EE-9DD2-A548ADF56438", "4391507", "Trey Research"), contact);
        var sent = JsonNode.Parse(_docs.Requests.Single().Body!)!;
        Assert.Equal("4391507", (string)sent["supportMpnId"]!);
        Assert.Equal("SupportContact", (string)sent["attributes"]!["objectType"]!);
    }

    [Fact]
    public async Task Get_indirect_resellers_of_a_customer_example_parses()
    {
        Answer(IndirectResellers);

        var reseller = Assert.Single(await _client.ListCustomerRelationshipsAsync("c501c3c4-d776-40ef-9ecf-9cefb59442c1"));

        Assert.Equal(new CustomerResellerRelationshipInfo("484e548c-f5f3-4528-93a9-c16c6373cb59", "4847383", "First Up Consultants", "is_indirect_cloud_solution_provider_of", null), reseller);
    }

    [Theory]
    [InlineData(nameof(ClassicError), "3000", "Invalid property")]
    [InlineData(nameof(NewerError), "PartnerConfirmedAgreementAlreadyExists 600061", "A partner confirmed agreement already exists for the customer.")]
    public void Both_documented_error_shapes_parse_to_their_code_and_text(string example, string code, string description)
    {
        var body = example == nameof(ClassicError) ? ClassicError : NewerError;

        var (parsedCode, message) = PartnerCenterClient.ParseError(body);

        Assert.Equal(code, parsedCode);
        Assert.Equal(description, message);
    }

    [Fact]
    public async Task A_classic_error_without_an_error_name_becomes_a_clear_error_record()
    {
        Answer(ClassicError, HttpStatusCode.BadRequest);

        var e = await Assert.ThrowsAsync<PartnerRelationships.Core.Errors.PartnerRelationshipsException>(() => _client.GetCustomerAsync("eebd1b55-5360-4438-a11d-5c06918c3014"));

        Assert.Equal("RemoteBadRequest", e.ErrorId);
        Assert.Contains("(HTTP 400, 3000): Invalid property.", e.Message);
    }

    // The same documented values through the sandbox: seeded from the docs' values, serialized by the sandbox, read
    // back by the client. They must come back as the docs show them.

    [Fact]
    public async Task Sandbox_round_trip_of_the_documented_customer_support_contact_and_resellers()
    {
        await using var h = await WorkflowHarness.StartAsync();
        SandboxSeeder.Load(h.State, new SeedFile
        {
            Customers =
            {
                new SeedCustomer
                {
                    TenantId = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1",
                    DisplayName = "1kl as kjk",
                    Domain = "abcdefgh1234.ccsctp.net",
                    HasActiveSubscriptions = true,
                    IndirectResellers =
                    {
                        new SeedIndirectReseller("3B33E682-00C3-41EE-9DD2-A548ADF56438", "4391507", "Trey Research"),
                        new SeedIndirectReseller("484e548c-f5f3-4528-93a9-c16c6373cb59", "4847383", "First Up Consultants"),
                    },
                },
            },
        });
        var tenant = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1";

        var customer = await h.PartnerCenter.GetCustomerAsync(tenant);
        Assert.Equal(("1kl as kjk", "abcdefgh1234.ccsctp.net", "reseller", (bool?)true), (customer.CompanyName, customer.Domain, customer.RelationshipToPartner, customer.AllowDelegatedAccess));

        var resellers = await h.PartnerCenter.ListCustomerRelationshipsAsync(tenant);
        Answer(IndirectResellers);
        var documented = Assert.Single(await _client.ListCustomerRelationshipsAsync(tenant));
        Assert.Equal(documented, resellers.Single(r => r.MpnId == "4847383") with { State = null });
    }

    [Fact]
    public async Task Sandbox_round_trip_of_the_documented_subscription_and_its_support_contact()
    {
        const string tenant = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1";
        const string subscriptionId = "C8D8FBAB-6A62-44DC-BE50-B7C74E43A296";
        await using var h = await WorkflowHarness.StartAsync();
        SandboxSeeder.Load(h.State, new SeedFile
        {
            Customers =
            {
                new SeedCustomer
                {
                    TenantId = tenant,
                    DisplayName = "Contoso",
                    HasActiveSubscriptions = true,
                    Subscriptions = new() { new SeedSubscription("5c9fd4cc-edce-44a8-8e91-07df09744609", "Office 365 E3", subscriptionId, "nickname") },
                    IndirectResellers = { new SeedIndirectReseller("3B33E682-00C3-41EE-9DD2-A548ADF56438", "4391507", "Trey Research") },
                },
            },
        });

        var subscription = Assert.Single(await h.PartnerCenter.ListSubscriptionsAsync(tenant));
        Assert.Equal((subscriptionId, "nickname", "active"), (subscription.Id, subscription.FriendlyName, subscription.Status));

        Assert.Null(await h.PartnerCenter.GetSubscriptionSupportContactAsync(tenant, subscriptionId));
        Answer(SupportContact);
        var documented = await _client.GetSubscriptionSupportContactAsync(tenant, subscriptionId);
        var set = await h.PartnerCenter.SetSubscriptionSupportContactAsync(tenant, subscriptionId, documented!);
        var read = await h.PartnerCenter.GetSubscriptionSupportContactAsync(tenant, subscriptionId);
        Assert.Equal(documented, set);
        Assert.Equal(documented, read);
    }

    [Fact]
    public async Task The_sandbox_accepts_the_documented_update_request_and_answers_the_documented_removal_body()
    {
        const string tenant = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1";
        const string subscriptionId = "C8D8FBAB-6A62-44DC-BE50-B7C74E43A296";
        await using var h = await WorkflowHarness.StartAsync();
        SandboxSeeder.Load(h.State, new SeedFile
        {
            Customers =
            {
                new SeedCustomer
                {
                    TenantId = tenant,
                    DisplayName = "Contoso",
                    Subscriptions = new() { new SeedSubscription("5c9fd4cc-edce-44a8-8e91-07df09744609", "Office 365 E3", subscriptionId) },
                    IndirectResellers = { new SeedIndirectReseller("3B33E682-00C3-41EE-9DD2-A548ADF56438", "4391507", "Trey Research") },
                },
            },
        });
        using var http = new HttpClient { BaseAddress = new Uri(h.Server.PartnerCenterBaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-token");

        var put = await http.PutAsync($"v1/customers/{tenant}/subscriptions/{subscriptionId}/supportcontact",
            new StringContent(UpdateSupportContactRequest, Encoding.UTF8, "application/json"));
        var stored = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        var patch = await http.PatchAsync($"v1/customers/{tenant}", new StringContent(RemoveResellerRequest, Encoding.UTF8, "application/json"));
        var removed = JsonNode.Parse(await patch.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(("3B33E682-00C3-41EE-9DD2-A548ADF56438", "4391507", "Trey Research"), ((string)stored["supportTenantId"]!, (string)stored["supportMpnId"]!, (string)stored["name"]!));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RemoveResellerResponse), removed), removed?.ToJsonString());

        // request-reseller-relationship: the sandbox's answer is the page's, with the sandbox partner's tenant id.
        var link = JsonNode.Parse(await http.GetStringAsync("v1/customers/relationshiprequests"));
        var expected = RelationshipRequest.Replace("3b33e682-00c3-41ee-9dd2-a548adf56438", new PartnerRelationships.Sandbox.SandboxOptions().PartnerTenantId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), link), link?.ToJsonString());
    }
}
