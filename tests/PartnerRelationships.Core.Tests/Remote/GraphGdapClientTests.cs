using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

public class GraphGdapClientTests
{
    private const string HelpdeskRole = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string ReaderRole = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    private static RelationshipSpec Spec(string name = "Contoso admin") => new()
    {
        DisplayName = name,
        CustomerTenantId = "4b2e2b3a-0000-0000-0000-000000000001",
        CustomerName = "Contoso Ltd",
        Roles = new[] { HelpdeskRole, ReaderRole },
        Duration = TimeSpan.FromDays(730),
    };

    [Fact]
    public async Task Listing_streams_page_by_page()
    {
        using var h = new GraphGdapHarness();
        for (var i = 0; i < 5; i++) h.Server.Add($"rel {i}");
        h.Server.PageSize = 2;
        var pagesRequested = new List<int>();
        h.Server.OnListPage = pagesRequested.Add;

        await using var e = h.GraphGdap.ListRelationshipsAsync().GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync());
        Assert.Equal("rel 0", e.Current.DisplayName);
        Assert.Equal(new[] { 0 }, pagesRequested); // page 2 not fetched yet
        Assert.True(await e.MoveNextAsync());
        Assert.Single(pagesRequested);

        var rest = new List<string>();
        while (await e.MoveNextAsync()) rest.Add(e.Current.DisplayName);
        Assert.Equal(new[] { "rel 2", "rel 3", "rel 4" }, rest);
        Assert.Equal(new[] { 0, 1, 2 }, pagesRequested);
    }

    [Fact]
    public async Task Filter_is_sent_as_odata()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("a", "active", "tenant'1");
        h.Server.Add("b", "created", "tenant'1");

        var found = await h.GraphGdap.ListRelationshipsAsync(new RelationshipFilter { Status = RelationshipStatus.Active, CustomerTenantId = "tenant'1", PageSize = 10 }).ToListAsync();

        Assert.Equal("a", Assert.Single(found).DisplayName);
        var query = Uri.UnescapeDataString(h.Server.Requests.Single().PathAndQuery);
        Assert.Contains("$filter=status eq 'active' and customer/tenantId eq 'tenant''1'", query.Replace('+', ' '));
        Assert.Contains("$top=10", query);
    }

    [Fact]
    public async Task Get_maps_graph_json_to_our_model()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("Contoso admin relationship", "approvalPending", "4b2e2b3a", HelpdeskRole);

        var info = await h.GraphGdap.GetRelationshipAsync(r.Id);

        Assert.Equal(r.Id, info.Id);
        Assert.Equal("Contoso admin relationship", info.DisplayName);
        Assert.Equal(RelationshipStatus.ApprovalPending, info.Status);
        Assert.Equal("4b2e2b3a", info.CustomerTenantId);
        Assert.Equal(new[] { HelpdeskRole }, info.Roles);
        Assert.Equal(TimeSpan.FromDays(730), info.Duration);
        Assert.Equal(TimeSpan.Zero, info.AutoExtendDuration);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), info.CreatedDateTime);
        Assert.Null(info.ActivatedDateTime);
        Assert.Equal(r.ETag, info.ETag);
        Assert.EndsWith("/granularAdminRelationships/" + r.Id, info.ApprovalLink.ToString());
        Assert.Equal("Bearer " + GraphGdapHarness.Token, h.Server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Create_posts_the_spec()
    {
        using var h = new GraphGdapHarness();

        var created = await h.GraphGdap.CreateRelationshipAsync(Spec());

        Assert.Equal(RelationshipStatus.Created, created.Status);
        var body = JsonNode.Parse(h.Server.Requests.Single().Body!)!;
        Assert.Equal("Contoso admin", body["displayName"]!.GetValue<string>());
        Assert.Equal("P730D", body["duration"]!.GetValue<string>());
        Assert.Equal("4b2e2b3a-0000-0000-0000-000000000001", body["customer"]!["tenantId"]!.GetValue<string>());
        Assert.Equal(2, body["accessDetails"]!["unifiedRoles"]!.AsArray().Count);
    }

    [Fact]
    public async Task Lost_create_response_yields_exactly_one_relationship_and_returns_it()
    {
        using var h = new GraphGdapHarness();
        h.Server.LoseNextCreateResponse = true;

        var result = await h.Run(g => g.CreateRelationshipAsync(Spec()));

        var only = Assert.Single(h.Server.Relationships);
        Assert.Equal(only.Id, result.Id);
        Assert.Equal("Contoso admin", result.DisplayName);
        Assert.Equal(new[] { "POST", "POST", "GET" }, h.Server.Requests.Select(r => r.Method));
        // The retry resent the same body.
        Assert.Equal(h.Server.Requests[0].Body, h.Server.Requests[1].Body);
    }

    [Fact]
    public async Task Create_with_a_name_taken_by_a_different_relationship_fails_clearly()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("Contoso admin", "created", "some-other-tenant");

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.CreateRelationshipAsync(Spec()));

        Assert.Equal("RelationshipNameTaken", ex.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, ex.Category);
        Assert.Single(h.Server.Relationships);
    }

    [Fact]
    public async Task Create_matching_an_active_relationship_is_not_treated_as_ours()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("Contoso admin", "active", "4b2e2b3a-0000-0000-0000-000000000001", HelpdeskRole, ReaderRole);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.CreateRelationshipAsync(Spec()));

        Assert.Equal("RelationshipNameTaken", ex.ErrorId);
    }

    [Fact]
    public async Task Sdk_retry_handler_is_replaced_so_each_429_is_seen_once_per_attempt()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("x");
        h.Server.Fault((HttpStatusCode)429, TimeSpan.FromSeconds(2)).Fault((HttpStatusCode)429, TimeSpan.FromSeconds(3));

        var info = await h.Run(g => g.GetRelationshipAsync(r.Id));

        Assert.Equal(r.Id, info.Id);
        Assert.Equal(3, h.Server.Requests.Count);
        var attempts = h.Observer.Attempts.ToList();
        Assert.Equal(new int?[] { 429, 429, 200 }, attempts.Select(a => a.StatusCode));
        Assert.Equal(new TimeSpan?[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), null }, attempts.Select(a => a.RetryDelay));
        Assert.DoesNotContain(h.GraphGdap.Handlers, handler => handler is RetryHandler);
        Assert.Single(h.GraphGdap.Handlers, handler => handler is ResilientHttpHandler);
    }

    [Fact]
    public async Task Not_found_maps_to_a_stable_error_and_is_not_retried()
    {
        using var h = new GraphGdapHarness();

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.GetRelationshipAsync("missing"));

        Assert.Equal("RemoteNotFound", ex.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, ex.Category);
        Assert.Contains("Relationship missing does not exist", ex.Message);
        Assert.Single(h.Server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "RemoteBadRequest", ErrorKind.InvalidArgument)]
    [InlineData(HttpStatusCode.Unauthorized, "RemoteUnauthorized", ErrorKind.AuthenticationError)]
    [InlineData(HttpStatusCode.Forbidden, "RemoteForbidden", ErrorKind.PermissionDenied)]
    public async Task Service_errors_map_to_stable_ids(HttpStatusCode status, string errorId, ErrorKind kind)
    {
        using var h = new GraphGdapHarness();
        h.Server.Fault(_ => FakeGraphServer.Error(status, "code", "The service's own words."));

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.ListRelationshipsAsync().ToListAsync().AsTask());

        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(kind, ex.Category);
        Assert.Contains("The service's own words", ex.Message);
    }

    [Fact]
    public async Task Service_that_stays_down_gives_a_clear_error_through_the_sdk()
    {
        using var h = new GraphGdapHarness();
        for (var i = 0; i < 4; i++) h.Server.Fault(HttpStatusCode.ServiceUnavailable);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.Run(g => g.GetRelationshipAsync("x")));

        Assert.Equal("RemoteServiceError", ex.ErrorId);
        Assert.Contains("4 attempts", ex.Message);
    }

    [Fact]
    public async Task Auto_extend_update_uses_the_etag()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("x", "active");
        var read = await h.GraphGdap.GetRelationshipAsync(r.Id);

        var updated = await h.GraphGdap.UpdateAutoExtendAsync(r.Id, TimeSpan.FromDays(180), read.ETag!);
        Assert.Equal(TimeSpan.FromDays(180), updated.AutoExtendDuration);
        Assert.NotEqual(read.ETag, updated.ETag);

        var stale = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.UpdateAutoExtendAsync(r.Id, TimeSpan.Zero, read.ETag!));
        Assert.Equal("RemotePreconditionFailed", stale.ErrorId);
    }

    [Fact]
    public async Task Lock_for_approval_and_terminate()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("x");

        var locked = await h.GraphGdap.LockForApprovalAsync(r.Id);
        Assert.Equal("lockForApproval", locked.Action);
        Assert.Equal("created", locked.Status);
        Assert.Equal("approvalPending", r.Status);
        Assert.Equal("lockForApproval", JsonNode.Parse(h.Server.Requests.Last().Body!)!["action"]!.GetValue<string>());

        var terminated = await h.GraphGdap.TerminateAsync(r.Id);
        Assert.Equal("terminate", terminated.Action);
        Assert.Equal("terminationRequested", r.Status);
    }

    [Fact]
    public async Task Lock_for_approval_whose_response_was_lost_reports_success()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("x");
        h.Server.Fault(request =>
        {
            // Let the lock happen, then drop the answer.
            r.Status = "approvalPending";
            throw new HttpRequestException("reset");
        });

        var result = await h.Run(g => g.LockForApprovalAsync(r.Id));

        Assert.Equal("succeeded", result.Status);
        Assert.Equal("approvalPending", r.Status);
    }

    [Fact]
    public async Task Access_assignment_is_created_then_updated()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("x", "active");

        var created = await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec("group-1", new[] { HelpdeskRole }));
        Assert.Equal("group-1", created.SecurityGroupId);
        Assert.Equal(new[] { HelpdeskRole }, created.Roles);
        Assert.Equal("pending", created.Status);
        var posted = JsonNode.Parse(h.Server.Requests.Last().Body!)!;
        Assert.Equal("securityGroup", posted["accessContainer"]!["accessContainerType"]!.GetValue<string>());

        var updated = await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec("group-1", new[] { HelpdeskRole, ReaderRole }));
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal(2, updated.Roles.Count);
        Assert.Single(r.Assignments);
        Assert.Equal("PATCH", h.Server.Requests.Last().Method);

        var listed = await h.GraphGdap.ListAccessAssignmentsAsync(r.Id);
        Assert.Single(listed);
    }

    [Fact]
    public async Task Customers_and_contracts_stream()
    {
        using var h = new GraphGdapHarness();
        h.Server.PageSize = 1;
        h.Server.Customers.Add(new JsonObject { ["id"] = "c1", ["tenantId"] = "c1", ["displayName"] = "Contoso" });
        h.Server.Customers.Add(new JsonObject { ["id"] = "c2", ["tenantId"] = "c2", ["displayName"] = "Fabrikam" });
        h.Server.Contracts.Add(new JsonObject { ["id"] = "k1", ["contractType"] = "ResellerPartner", ["customerId"] = "0b3f2b3a-0000-0000-0000-000000000001", ["defaultDomainName"] = "contoso.onmicrosoft.com", ["displayName"] = "Contoso" });

        var customers = await h.GraphGdap.ListDelegatedAdminCustomersAsync().ToListAsync();
        var contracts = await h.GraphGdap.ListContractsAsync().ToListAsync();

        Assert.Equal(new[] { "Contoso", "Fabrikam" }, customers.Select(c => c.DisplayName));
        var contract = Assert.Single(contracts);
        Assert.Equal("0b3f2b3a-0000-0000-0000-000000000001", contract.CustomerTenantId);
        Assert.Equal("contoso.onmicrosoft.com", contract.DefaultDomainName);
    }

    [Fact]
    public async Task Gdap_calls_in_china_fail_without_calling_the_service()
    {
        using var h = new GraphGdapHarness(CloudEnvironment.China);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.CreateRelationshipAsync(Spec()));
        var list = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.ListRelationshipsAsync().ToListAsync().AsTask());

        Assert.Equal("NotAvailableInCloud", ex.ErrorId);
        Assert.Equal("NotAvailableInCloud", list.ErrorId);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task Debug_trace_of_graph_calls_redacts_the_bearer_token()
    {
        using var h = new GraphGdapHarness();
        h.Server.Fault(HttpStatusCode.BadGateway);

        await h.Run(g => g.CreateRelationshipAsync(Spec()));

        var text = h.Observer.AllText();
        Assert.Contains("Authorization: Bearer ***", text);
        Assert.Contains("\"displayName\":\"Contoso admin\"", text);
        Assert.DoesNotContain(GraphGdapHarness.Token, text);
        Assert.Equal(2, h.Observer.Attempts.Count);
    }

    [Fact]
    public async Task A_bad_request_about_something_else_is_not_mistaken_for_a_taken_name()
    {
        using var h = new GraphGdapHarness();
        h.Server.Fault(_ => FakeGraphServer.Error(HttpStatusCode.BadRequest, "badRequest", "Role 'x' is not a built-in role."));

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.CreateRelationshipAsync(Spec("unique duplicate name")));

        // The name is looked up (the docs don't say how a taken name is reported); none exists, so the service's error stands.
        Assert.Equal("RemoteBadRequest", ex.ErrorId);
        Assert.Contains("not a built-in role", ex.Message);
        Assert.Equal(new[] { "POST", "GET" }, h.Server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_taken_name_is_recognised_by_looking_it_up_whatever_the_error_says()
    {
        using var h = new GraphGdapHarness();
        var existing = h.Server.Add("Contoso admin", "active"); // not the one asked for: active already
        h.Server.Fault(request => request.Method == HttpMethod.Post ? FakeGraphServer.Error(HttpStatusCode.BadRequest, "badRequest", "Request failed.") : null);

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.CreateRelationshipAsync(Spec("Contoso admin")));

        Assert.Equal("RelationshipNameTaken", ex.ErrorId);
        Assert.Contains(existing.Id, ex.Message);
    }

    [Fact]
    public async Task A_taken_name_with_no_visible_relationship_keeps_the_service_error()
    {
        using var h = new GraphGdapHarness();
        h.Server.Fault(_ => FakeGraphServer.Error(HttpStatusCode.BadRequest, "badRequest", "A relationship with this displayName already exists."));

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.CreateRelationshipAsync(Spec()));

        Assert.Equal("RemoteBadRequest", ex.ErrorId);
        Assert.Equal(new[] { "POST", "GET" }, h.Server.Requests.Select(r => r.Method));
    }
}
