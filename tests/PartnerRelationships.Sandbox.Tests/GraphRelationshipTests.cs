using Microsoft.Graph.Models;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Tests;

public sealed class GraphRelationshipTests
{
    [Fact]
    public async Task Create_returns_the_relationship_in_created_status_with_the_service_shape()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = Guid.NewGuid().ToString();

        var created = await sandbox.CreateAsync("Contoso admin relationship", tenant, BuiltInRoles.ExchangeAdministrator);

        Assert.NotNull(created);
        Assert.Equal(DelegatedAdminRelationshipStatus.Created, created!.Status);
        Assert.Equal("Contoso admin relationship", created.DisplayName);
        Assert.Equal(TimeSpan.FromDays(730), created.Duration);
        Assert.Equal(TimeSpan.Zero, created.AutoExtendDuration);
        Assert.Equal(tenant, created.Customer!.TenantId);
        Assert.EndsWith("-" + tenant, created.Id);
        Assert.Equal(BuiltInRoles.ExchangeAdministrator, Assert.Single(created.AccessDetails!.UnifiedRoles!).RoleDefinitionId);
        Assert.Equal(SandboxHarness.Start, created.CreatedDateTime);
        Assert.Null(created.ActivatedDateTime);
        Assert.Null(created.EndDateTime);
        Assert.StartsWith("W/\"", SandboxHarness.ETag(created));
    }

    [Fact]
    public async Task Get_returns_what_was_created_and_404_for_an_unknown_id()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("R1");

        var fetched = await sandbox.GetAsync(created!.Id!);

        Assert.Equal(created.Id, fetched!.Id);
        Assert.Equal(SandboxHarness.ETag(created), SandboxHarness.ETag(fetched));
        await ODataErrorAssert.ThrowsAsync(404, "notFound", () => sandbox.GetAsync("nope"));
    }

    [Fact]
    public async Task List_pages_with_nextLink_at_the_requested_top()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await sandbox.CreateAsync($"Paged {i}");
        }

        var names = new List<string>();
        var page = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(c => c.QueryParameters.Top = 3);
        var pages = 0;
        while (page is not null)
        {
            pages++;
            Assert.True(page.Value!.Count <= 3);
            names.AddRange(page.Value.Select(r => r.DisplayName!));
            page = page.OdataNextLink is null
                ? null
                : await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.WithUrl(page.OdataNextLink).GetAsync();
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"Paged {i}"), names);
    }

    [Fact]
    public async Task List_defaults_to_100_per_page_and_caps_top_at_300()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        Seeding.SandboxSeeder.Generate(sandbox.State, 500, seed: 3);
        Assert.True(sandbox.State.Relationships.Count > 300);

        var first = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync();
        var capped = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(c => c.QueryParameters.Top = 999);

        Assert.Equal(100, first!.Value!.Count);
        Assert.NotNull(first.OdataNextLink);
        Assert.Equal(300, capped!.Value!.Count);
    }

    [Fact]
    public async Task List_rejects_a_bad_top()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        using var response = await sandbox.Http.GetAsync("v1.0/tenantRelationships/delegatedAdminRelationships?$top=0");
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Filters_by_status_customer_tenant_and_displayName_and_their_combination()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var tenant = Guid.NewGuid().ToString();
        var a = await sandbox.CreateAsync("O'Brien relationship", tenant);
        await sandbox.CreateAsync("Other tenant");
        await sandbox.CreateAsync("Same tenant locked", tenant);
        var locked = (await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(
            c => c.QueryParameters.Filter = "displayName eq 'Same tenant locked'"))!.Value!.Single();
        await sandbox.LockAsync(locked.Id!);

        async Task<List<string>> Names(string filter) =>
            (await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(c => c.QueryParameters.Filter = filter))!
            .Value!.Select(r => r.DisplayName!).ToList();

        Assert.Equal(new[] { "Same tenant locked" }, await Names("status eq 'approvalPending'"));
        Assert.Equal(new[] { "O'Brien relationship", "Same tenant locked" }, await Names($"customer/tenantId eq '{tenant}'"));
        Assert.Equal(new[] { "O'Brien relationship" }, await Names("displayName eq 'O''Brien relationship'"));
        Assert.Equal(new[] { "O'Brien relationship" }, await Names($"customer/tenantId eq '{tenant}' and status eq 'created'"));
        Assert.Empty(await Names("status eq 'active'"));
        Assert.Equal(a!.Id, sandbox.State.FindRelationshipByDisplayName("O'Brien relationship")?.Id);
    }

    [Fact]
    public async Task An_unsupported_filter_is_a_400()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () =>
            sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync(c => c.QueryParameters.Filter = "startswith(displayName,'C')"));
    }

    public static TheoryData<string, DelegatedAdminRelationship, string> InvalidCreates()
    {
        var data = new TheoryData<string, DelegatedAdminRelationship, string>();
        data.Add("empty name", SandboxHarness.NewRelationship(""), "displayName");
        data.Add("51-char name", SandboxHarness.NewRelationship(new string('x', 51)), "1 to 50");
        data.Add("zero duration", SandboxHarness.NewRelationship("d0", duration: TimeSpan.Zero), "P1D");
        data.Add("731 days", SandboxHarness.NewRelationship("d731", duration: TimeSpan.FromDays(731)), "P730D");
        data.Add("auto-extend 90 days", SandboxHarness.NewRelationship("ae90", autoExtend: TimeSpan.FromDays(90)), "P180D");
        data.Add("auto-extend with Global Administrator",
            SandboxHarness.NewRelationship("ga", autoExtend: TimeSpan.FromDays(180), roles: BuiltInRoles.GlobalAdministrator), "Global Administrator");
        data.Add("custom role", SandboxHarness.NewRelationship("custom", roles: "11111111-2222-3333-4444-555555555555"), "built-in");
        var noRoles = SandboxHarness.NewRelationship("noroles");
        noRoles.AccessDetails!.UnifiedRoles = new List<UnifiedRole>();
        data.Add("no roles", noRoles, "at least one role");
        var badTenant = SandboxHarness.NewRelationship("badtenant");
        badTenant.Customer!.TenantId = "contoso.com";
        data.Add("tenant id not a GUID", badTenant, "GUID");
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Create_enforces_the_service_rules(string because, DelegatedAdminRelationship body, string messagePart)
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var error = await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(body));

        Assert.True(error.Error!.Message!.Contains(messagePart, StringComparison.OrdinalIgnoreCase), $"{because}: {error.Error.Message}");
        Assert.Empty(sandbox.State.Relationships);
    }

    [Fact]
    public async Task Create_accepts_the_boundaries()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(SandboxHarness.NewRelationship(new string('x', 50), duration: TimeSpan.FromDays(1)));
        await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(
            SandboxHarness.NewRelationship("two years auto", duration: TimeSpan.FromDays(730), autoExtend: TimeSpan.FromDays(180)));
        Assert.Equal(2, sandbox.State.Relationships.Count);
    }

    [Fact]
    public async Task A_duplicate_displayName_is_a_400_that_makes_a_retried_create_detectable()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.CreateAsync("Contoso GDAP");

        var error = await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => sandbox.CreateAsync("contoso gdap"));

        Assert.Contains("already exists", error.Error!.Message);
        Assert.Single(sandbox.State.Relationships);
    }

    [Fact]
    public async Task Patch_in_created_status_changes_fields_and_the_etag()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Before");

        var patched = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created!.Id].PatchAsync(
            new DelegatedAdminRelationship { DisplayName = "After", Duration = TimeSpan.FromDays(30) },
            c => c.Headers.Add("If-Match", SandboxHarness.ETag(created)));

        Assert.Equal("After", patched!.DisplayName);
        Assert.Equal(TimeSpan.FromDays(30), patched.Duration);
        Assert.NotEqual(SandboxHarness.ETag(created), SandboxHarness.ETag(patched));
    }

    [Fact]
    public async Task Patch_with_a_stale_etag_is_412_and_without_IfMatch_is_400()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Etag");
        var relationship = sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created!.Id];
        await relationship.PatchAsync(new DelegatedAdminRelationship { DisplayName = "Etag 2" }, c => c.Headers.Add("If-Match", SandboxHarness.ETag(created)));

        await ODataErrorAssert.ThrowsAsync(412, "preconditionFailed", () =>
            relationship.PatchAsync(new DelegatedAdminRelationship { DisplayName = "Etag 3" }, c => c.Headers.Add("If-Match", SandboxHarness.ETag(created))));
        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => relationship.PatchAsync(new DelegatedAdminRelationship { DisplayName = "Etag 4" }));
        await ODataErrorAssert.ThrowsAsync(412, "preconditionFailed", () => relationship.DeleteAsync(c => c.Headers.Add("If-Match", SandboxHarness.ETag(created))));
        Assert.Equal("Etag 2", (await sandbox.GetAsync(created.Id!))!.DisplayName);
    }

    [Fact]
    public async Task Patch_on_an_active_relationship_allows_only_autoExtendDuration()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Active patch");
        var relationship = sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id];

        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () =>
            relationship.PatchAsync(new DelegatedAdminRelationship { DisplayName = "Renamed" }, c => c.Headers.Add("If-Match", SandboxHarness.ETag(active))));
        var extended = await relationship.PatchAsync(
            new DelegatedAdminRelationship { AutoExtendDuration = TimeSpan.FromDays(180) }, c => c.Headers.Add("If-Match", SandboxHarness.ETag(active)));

        Assert.Equal(TimeSpan.FromDays(180), extended!.AutoExtendDuration);
        Assert.Equal(DelegatedAdminRelationshipStatus.Active, extended.Status);
    }

    [Fact]
    public async Task Patch_in_approvalPending_status_is_refused()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Pending patch");
        await sandbox.LockAsync(created!.Id!);
        var pending = await sandbox.GetAsync(created.Id!);

        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () =>
            sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created.Id].PatchAsync(
                new DelegatedAdminRelationship { AutoExtendDuration = TimeSpan.FromDays(180) }, c => c.Headers.Add("If-Match", SandboxHarness.ETag(pending!))));
    }

    [Fact]
    public async Task Delete_works_only_in_created_status()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Delete me");
        var locked = await sandbox.CreateAsync("Keep me");
        await sandbox.LockAsync(locked!.Id!);
        var lockedNow = await sandbox.GetAsync(locked.Id!);

        await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created!.Id].DeleteAsync(c => c.Headers.Add("If-Match", SandboxHarness.ETag(created)));
        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () =>
            sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[locked.Id].DeleteAsync(c => c.Headers.Add("If-Match", SandboxHarness.ETag(lockedNow!))));

        Assert.Null(sandbox.State.FindRelationship(created.Id!));
        Assert.NotNull(sandbox.State.FindRelationship(locked.Id!));
    }

    [Fact]
    public async Task LockForApproval_request_moves_created_to_approvalPending_once()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Lock");

        var request = await sandbox.RequestLockAsync(created!.Id!);

        // delegatedadminrelationship-post-requests: the request starts created; the relationship moves afterwards.
        Assert.Equal(DelegatedAdminRelationshipRequestAction.LockForApproval, request!.Action);
        Assert.Equal(DelegatedAdminRelationshipRequestStatus.Created, request.Status);
        Assert.Equal(DelegatedAdminRelationshipStatus.Created, (await sandbox.GetAsync(created.Id!))!.Status);
        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => sandbox.RequestLockAsync(created.Id!)); // one is being processed

        sandbox.Time.Advance(TimeSpan.FromSeconds(5)); // the pending work delay
        Assert.Equal(DelegatedAdminRelationshipStatus.ApprovalPending, (await sandbox.GetAsync(created.Id!))!.Status);
        var processed = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created.Id].Requests[request.Id].GetAsync();
        Assert.Equal(DelegatedAdminRelationshipRequestStatus.Succeeded, processed!.Status);
        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => sandbox.RequestLockAsync(created.Id!));
        var requests = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created.Id].Requests.GetAsync();
        Assert.Equal(request.Id, Assert.Single(requests!.Value!).Id);
    }

    [Fact]
    public async Task Terminate_request_needs_an_active_relationship()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Not active");

        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () =>
            sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created!.Id].Requests.PostAsync(
                new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate }));
    }
}
