using System.Text;
using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

public class GraphRelationshipPageReaderTests
{
    private const string Full = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships",
          "@odata.nextLink": "https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships?$top=300&$skiptoken=abc",
          "value": [
            {
              "@odata.etag": "W/\"JyIwMDAwMCI=\"",
              "id": "5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836",
              "displayName": "Contoso admin",
              "duration": "P730D",
              "status": "active",
              "autoExtendDuration": "P180D",
              "createdDateTime": "2022-02-10T11:24:42.3148266Z",
              "lastModifiedDateTime": "2022-02-10T11:26:44.9941884Z",
              "activatedDateTime": "2022-02-10T11:26:44.9941884Z",
              "endDateTime": "2024-02-10T11:26:44.9941884Z",
              "unknownNested": { "a": [1, { "b": [true, null] }], "status": "terminated" },
              "customer": { "tenantId": "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "displayName": "Contoso Ltd", "extra": {} },
              "accessDetails": {
                "other": [ { "roleDefinitionId": "not-this-one" } ],
                "unifiedRoles": [
                  { "roleDefinitionId": "729827e3-9c14-49f7-bb1b-9608f156bbb8" },
                  { "roleDefinitionId": "" },
                  { "roleDefinitionId": null },
                  { "somethingElse": "x" },
                  { "roleDefinitionId": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b" }
                ]
              }
            },
            {
              "id": "second",
              "displayName": "Not yet approved",
              "status": "ApprovalPending",
              "duration": "P1Y2M3DT4H5M6S",
              "customer": null,
              "autoExtendDuration": null,
              "activatedDateTime": null,
              "endDateTime": "not a date"
            },
            {
              "id": 42,
              "status": "unknownFutureValue",
              "accessDetails": { "unifiedRoles": null }
            }
          ]
        }
        """;

    private static List<DelegatedAdminRelationshipInfo> Read(string json, out string? next)
        => GraphRelationshipPageReader.Read(Encoding.UTF8.GetBytes(json), out next);

    [Fact]
    public void Maps_every_field_of_a_relationship()
    {
        var items = Read(Full, out var next);

        Assert.Equal("https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships?$top=300&$skiptoken=abc", next);
        Assert.Equal(3, items.Count);
        var r = items[0];
        Assert.Equal("5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836", r.Id);
        Assert.Equal("Contoso admin", r.DisplayName);
        Assert.Equal("4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", r.CustomerTenantId);
        Assert.Equal("Contoso Ltd", r.CustomerName);
        Assert.Equal(RelationshipStatus.Active, r.Status);
        Assert.Equal(new[] { "729827e3-9c14-49f7-bb1b-9608f156bbb8", "88d8e3e3-8f55-4a1e-953a-9b9898b8876b" }, r.Roles);
        Assert.Equal(TimeSpan.FromDays(730), r.Duration);
        Assert.Equal(TimeSpan.FromDays(180), r.AutoExtendDuration);
        Assert.Equal(DateTimeOffset.Parse("2022-02-10T11:24:42.3148266Z"), r.CreatedDateTime);
        Assert.Equal(DateTimeOffset.Parse("2022-02-10T11:26:44.9941884Z"), r.LastModifiedDateTime);
        Assert.Equal(DateTimeOffset.Parse("2022-02-10T11:26:44.9941884Z"), r.ActivatedDateTime);
        Assert.Equal(DateTimeOffset.Parse("2024-02-10T11:26:44.9941884Z"), r.EndDateTime);
        Assert.Equal("W/\"JyIwMDAwMCI=\"", r.ETag);
    }

    [Fact]
    public void Missing_null_and_unexpected_values_become_defaults()
    {
        var items = Read(Full, out _);

        var pending = items[1];
        Assert.Equal(RelationshipStatus.ApprovalPending, pending.Status); // Case does not matter, as in the SDK.
        Assert.Null(pending.CustomerTenantId);
        Assert.Null(pending.CustomerName);
        Assert.Empty(pending.Roles);
        Assert.Equal(System.Xml.XmlConvert.ToTimeSpan("P1Y2M3DT4H5M6S"), pending.Duration);
        Assert.Equal(TimeSpan.Zero, pending.AutoExtendDuration);
        Assert.Null(pending.ActivatedDateTime);
        Assert.Null(pending.EndDateTime);
        Assert.Null(pending.ETag);

        var odd = items[2];
        Assert.Equal("", odd.Id); // Not a string.
        Assert.Equal("", odd.DisplayName);
        Assert.Equal(RelationshipStatus.Unknown, odd.Status);
        Assert.Empty(odd.Roles);
        Assert.Equal(TimeSpan.Zero, odd.Duration);
    }

    [Fact]
    public void Maps_the_same_as_the_sdk_models_did()
    {
        var ours = Read(Full, out _);

        using var document = JsonDocument.Parse(Full);
        var sdk = new JsonParseNode(document.RootElement).GetObjectValue(DelegatedAdminRelationshipCollectionResponse.CreateFromDiscriminatorValue)!
            .Value!.Take(2).Select(GraphModelMapper.ToInfo).ToList(); // The third has an id the SDK cannot read at all.

        for (var i = 0; i < sdk.Count; i++)
        {
            // The SDK leaves an unparsable date null too, and reads the same durations and roles.
            // ServiceStatus keeps the wire's spelling (the SDK only knows its enum).
            Assert.Equal(sdk[i] with { Roles = Array.Empty<string>(), ServiceStatus = null }, ours[i] with { Roles = Array.Empty<string>(), ServiceStatus = null });
            Assert.Equal(sdk[i].ServiceStatus, ours[i].ServiceStatus, StringComparer.OrdinalIgnoreCase);
            Assert.Equal(sdk[i].Roles, ours[i].Roles);
        }
    }

    [Fact]
    public void Last_page_has_no_next_link_and_an_empty_or_missing_value_is_no_items()
    {
        Assert.Empty(Read("""{ "value": [] }""", out var next));
        Assert.Null(next);
        Assert.Empty(Read("""{ "@odata.nextLink": null }""", out next));
        Assert.Null(next);
        Assert.Empty(Read("""{ "value": null, "@odata.nextLink": "https://x/next" }""", out next));
        Assert.Equal("https://x/next", next);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{ "value": [ { "id": "a", "displayName": "A" } ] }""")).ToArray();

        Assert.Equal("A", Assert.Single(GraphRelationshipPageReader.Read(bytes, out _)).DisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Service Unavailable</html>")]
    [InlineData("""[ { "id": "a" } ]""")]
    [InlineData("""{ "value": [ { "id": "a", """)]
    public void Not_a_collection_page_is_a_json_error(string text)
    {
        Assert.ThrowsAny<JsonException>(() => Read(text, out _));
    }

    [Fact]
    public void A_duration_that_is_not_iso_8601_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => Read("""{ "value": [ { "id": "a", "duration": "730 days" } ] }""", out _));
    }
}
