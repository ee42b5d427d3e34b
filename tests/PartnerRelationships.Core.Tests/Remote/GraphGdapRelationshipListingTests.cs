using System.Net;
using System.Text;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

/// <summary>The relationship listing reads pages as raw JSON (not the SDK's models): paging, mapping and errors.</summary>
public class GraphGdapRelationshipListingTests
{
    private const string HelpdeskRole = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

    [Fact]
    public async Task A_full_listing_asks_for_the_largest_page_the_service_allows()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("a");

        await h.GraphGdap.ListRelationshipsAsync().ToListAsync();

        var query = Uri.UnescapeDataString(h.Server.Requests.Single().PathAndQuery);
        Assert.Contains("$top=" + GraphGdapClient.MaxRelationshipPageSize, query);
        Assert.Equal(300, GraphGdapClient.MaxRelationshipPageSize); // Graph v1.0: "$top supports up to 300 objects".
    }

    [Fact]
    public async Task The_contract_listing_asks_for_the_largest_directory_page()
    {
        using var h = new GraphGdapHarness();

        await h.GraphGdap.ListContractsAsync().ToListAsync();

        var query = Uri.UnescapeDataString(h.Server.Requests.Single().PathAndQuery);
        Assert.Contains("/contracts", query);
        Assert.Contains("$top=999", query); // Directory objects: $top up to 999 (the default page is 100).
    }

    [Fact]
    public async Task Listed_relationships_equal_what_a_single_get_returns()
    {
        using var h = new GraphGdapHarness();
        h.Server.PageSize = 2;
        h.Server.Add("Contoso helpdesk", "active", "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", HelpdeskRole);
        h.Server.Add("Fabrikam pending", "approvalPending", "5c3f3c4b-2d3e-4f60-9bac-1d2e3f4a5b6c");
        h.Server.Add("Not yet locked");

        var listed = await h.GraphGdap.ListRelationshipsAsync().ToListAsync();

        Assert.Equal(3, listed.Count);
        foreach (var item in listed)
        {
            var got = await h.GraphGdap.GetRelationshipAsync(item.Id); // Through the SDK's models.
            Assert.Equal(got with { Roles = Array.Empty<string>() }, item with { Roles = Array.Empty<string>() });
            Assert.Equal(got.Roles, item.Roles);
            Assert.NotNull(item.ETag);
        }

        Assert.Equal(new[] { HelpdeskRole }, listed[0].Roles);
        Assert.Equal(RelationshipStatus.ApprovalPending, listed[1].Status);
    }

    [Fact]
    public async Task An_error_on_a_later_page_comes_after_the_items_already_read_with_its_stable_id()
    {
        using var h = new GraphGdapHarness();
        h.Server.PageSize = 2;
        for (var i = 0; i < 5; i++) h.Server.Add($"rel {i}");
        h.Server.Fault(_ => null).Fault(_ => FakeGraphServer.Error(HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges."));

        var seen = new List<string>();
        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(async () =>
        {
            await foreach (var r in h.GraphGdap.ListRelationshipsAsync()) seen.Add(r.DisplayName);
        });

        Assert.Equal(new[] { "rel 0", "rel 1" }, seen);
        Assert.Equal("RemoteForbidden", ex.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, ex.Category);
        Assert.Contains("List relationships failed (HTTP 403, Authorization_RequestDenied): Insufficient privileges.", ex.Message);
    }

    [Fact]
    public async Task Throttling_mid_list_is_retried_and_nothing_is_lost_or_repeated()
    {
        using var h = new GraphGdapHarness();
        h.Server.PageSize = 2;
        for (var i = 0; i < 5; i++) h.Server.Add($"rel {i}");
        h.Server.Fault(_ => null).Fault(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(2));

        var listed = await h.Run(g => g.ListRelationshipsAsync().ToListAsync().AsTask());

        Assert.Equal(new[] { "rel 0", "rel 1", "rel 2", "rel 3", "rel 4" }, listed.Select(r => r.DisplayName));
        Assert.Equal(4, h.Server.Requests.Count); // Three pages, one of them twice.
    }

    [Fact]
    public async Task A_page_that_is_not_json_is_RemoteInvalidResponse()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("a");
        h.Server.Fault(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>gateway</html>", Encoding.UTF8, "application/json") });

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.ListRelationshipsAsync().ToListAsync().AsTask());

        Assert.Equal("RemoteInvalidResponse", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Category);
        Assert.StartsWith("List relationships: ", ex.Message);
    }

    [Fact]
    public async Task An_empty_answer_is_an_empty_listing()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("a");
        h.Server.Fault(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        h.Server.Fault(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(" ", Encoding.UTF8, "application/json") });

        Assert.Empty(await h.GraphGdap.ListRelationshipsAsync().ToListAsync());
        Assert.Empty(await h.GraphGdap.ListRelationshipsAsync().ToListAsync());
        Assert.Single(await h.GraphGdap.ListRelationshipsAsync().ToListAsync());
    }
}
