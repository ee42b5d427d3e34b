using System.Text;
using System.Text.Json;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

public class PartnerCenterCustomerPageReaderTests
{
    private static List<PartnerCustomerInfo> Read(string json, out string? continuation, out string? nextPath)
        => PartnerCenterCustomerPageReader.Read(Encoding.UTF8.GetBytes(json), out continuation, out nextPath);

    [Fact]
    public void Maps_company_profile_relationship_and_delegated_access()
    {
        var items = Read("""
            {
              "totalCount": 4,
              "items": [
                { "id": "id-1", "companyProfile": { "tenantId": "tenant-1", "domain": "contoso.onmicrosoft.com", "companyName": "Contoso", "links": { "self": {} } },
                  "relationshipToPartner": "reseller", "allowDelegatedAccess": true, "billingProfile": { "address": { "city": "x" } } },
                { "id": "id-2", "companyProfile": { "companyName": "No tenant id" }, "allowDelegatedAccess": "true" },
                { "id": "id-3", "companyProfile": null, "relationshipToPartner": null, "allowDelegatedAccess": false },
                "not an object"
              ],
              "attributes": { "objectType": "Customer" }
            }
            """, out var continuation, out var nextPath);

        Assert.Equal(new[]
        {
            new PartnerCustomerInfo("tenant-1", "Contoso", "contoso.onmicrosoft.com", "reseller", true),
            new PartnerCustomerInfo("id-2", "No tenant id", null, "none", null), // Not a JSON boolean: unknown, not false.
            new PartnerCustomerInfo("id-3", "", null, "none", false),
            new PartnerCustomerInfo("", "", null, "none", null),
        }, items);
        Assert.Null(continuation);
        Assert.Null(nextPath);
    }

    [Fact]
    public void Each_documented_relationshipToPartner_is_one_shared_string_and_any_other_value_is_kept_as_sent()
    {
        var items = Read("""
            { "items": [
                { "id": "a", "relationshipToPartner": "reseller" }, { "id": "b", "relationshipToPartner": "reseller" },
                { "id": "c", "relationshipToPartner": "advisor" }, { "id": "d", "relationshipToPartner": "Reseller" } ] }
            """, out _, out _);

        Assert.Same(items[0].RelationshipToPartner, items[1].RelationshipToPartner); // 100,000 customers, one string
        Assert.Equal(new[] { "reseller", "reseller", "advisor", "Reseller" }, items.Select(i => i.RelationshipToPartner));
    }

    [Fact]
    public void The_continuation_header_in_links_next_wins_over_the_page_token()
    {
        var items = Read("""
            {
              "links": { "self": { "uri": "/customers?size=2" },
                         "next": { "uri": "/v1/customers?size=2", "method": "GET",
                                   "headers": [ { "key": "Other", "value": "x" }, { "key": "ms-continuationtoken", "value": "from-header" } ] } },
              "continuationToken": "from-page",
              "items": [ { "id": "a" } ]
            }
            """, out var continuation, out var nextPath);

        Assert.Single(items);
        Assert.Equal("from-header", continuation);
        Assert.Equal("customers?size=2", nextPath); // Relative to /v1, without it.
    }

    [Fact]
    public void The_page_token_is_used_without_a_header_and_an_empty_one_ends_the_listing()
    {
        Read("""{ "items": [], "continuationToken": "t2", "links": { "next": { "uri": "customers?size=5", "headers": [ { "key": "MS-ContinuationToken", "value": null } ] } } }""", out var continuation, out var nextPath);
        Assert.Equal("t2", continuation);
        Assert.Equal("customers?size=5", nextPath);

        Read("""{ "items": [], "continuationToken": "" }""", out continuation, out _);
        Assert.Null(continuation);
    }

    [Fact]
    public void Not_an_object_is_no_items()
    {
        Assert.Empty(Read("[1, 2]", out var continuation, out _));
        Assert.Null(continuation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"items\": [ { \"id\": ")]
    [InlineData("nope")]
    public void Not_json_is_a_json_error(string text)
    {
        Assert.ThrowsAny<JsonException>(() => Read(text, out _, out _));
    }
}
