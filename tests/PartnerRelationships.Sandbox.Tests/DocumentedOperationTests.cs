using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Tests;

/// <summary>
/// The long-running operations and list items the Graph docs describe: delegatedadminaccessassignment-update (202,
/// Location, Retry-After, body {}), delegatedadminrelationship-update (Global Administrator off an active
/// relationship), delegatedadminrelationshipoperation-get, paged assignment lists, reseller relationships, expiring.
/// </summary>
public sealed class DocumentedOperationTests
{
    private static object AssignmentBody(string group, params string[] roles) => new
    {
        accessContainer = new { accessContainerId = group, accessContainerType = "securityGroup" },
        accessDetails = new { unifiedRoles = roles.Select(r => new { roleDefinitionId = r }).ToArray() },
    };

    private static HttpRequestMessage Patch(string path, object body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task An_assignment_update_answers_202_with_an_operation_that_moves_on_the_clock_and_applies_the_roles_when_it_succeeds()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Ops", roles: new[] { BuiltInRoles.DirectoryReaders, BuiltInRoles.UserAdministrator });
        var path = $"v1.0/tenantRelationships/delegatedAdminRelationships/{active.Id}/accessAssignments";
        var group = Guid.NewGuid().ToString();
        var created = await JsonAsync(await sandbox.Http.PostAsJsonAsync(path, AssignmentBody(group, BuiltInRoles.DirectoryReaders)));
        await sandbox.ControlAsync("_sandbox/process");
        var current = await JsonAsync(await sandbox.Http.GetAsync($"{path}/{created["id"]}"));

        using var accepted = await sandbox.Http.SendAsync(Patch($"{path}/{created["id"]}", AssignmentBody(group, BuiltInRoles.UserAdministrator), (string)current["@odata.etag"]!));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("{}", await accepted.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromSeconds(2), accepted.Headers.RetryAfter!.Delta);
        var location = accepted.Headers.Location!;
        Assert.Matches($"/v1.0/tenantRelationships/delegatedAdminRelationships/{active.Id}/operations/[0-9a-f-]+$", location.AbsolutePath);

        var operation = await JsonAsync(await sandbox.Http.GetAsync(location));
        Assert.Equal("notStarted", (string)operation["status"]!);
        Assert.Equal("delegatedAdminAccessAssignmentUpdate", (string)operation["operationType"]!);
        Assert.Contains(BuiltInRoles.UserAdministrator, (string)operation["data"]!);
        var during = await JsonAsync(await sandbox.Http.GetAsync($"{path}/{created["id"]}"));
        Assert.Equal("pending", (string)during["status"]!);
        Assert.Contains(BuiltInRoles.DirectoryReaders, during["accessDetails"]!.ToJsonString()); // old roles until it succeeds

        sandbox.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("running", (string)(await JsonAsync(await sandbox.Http.GetAsync(location)))["status"]!);
        sandbox.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("succeeded", (string)(await JsonAsync(await sandbox.Http.GetAsync(location)))["status"]!);
        var after = await JsonAsync(await sandbox.Http.GetAsync($"{path}/{created["id"]}"));
        Assert.Equal("active", (string)after["status"]!);
        Assert.Contains(BuiltInRoles.UserAdministrator, after["accessDetails"]!.ToJsonString());
        Assert.DoesNotContain(BuiltInRoles.DirectoryReaders, after["accessDetails"]!.ToJsonString());

        // The same roles again: 200 with the original object.
        using var same = await sandbox.Http.SendAsync(Patch($"{path}/{created["id"]}", AssignmentBody(group, BuiltInRoles.UserAdministrator), (string)after["@odata.etag"]!));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal((string)after["id"]!, (string)(await JsonAsync(same))["id"]!);
    }

    [Fact]
    public async Task A_failed_operation_leaves_the_old_roles_in_force()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Fail op", roles: new[] { BuiltInRoles.DirectoryReaders, BuiltInRoles.UserAdministrator });
        var path = $"v1.0/tenantRelationships/delegatedAdminRelationships/{active.Id}/accessAssignments";
        var group = Guid.NewGuid().ToString();
        var created = await JsonAsync(await sandbox.Http.PostAsJsonAsync(path, AssignmentBody(group, BuiltInRoles.DirectoryReaders)));
        await sandbox.ControlAsync("_sandbox/process");
        var current = await JsonAsync(await sandbox.Http.GetAsync($"{path}/{created["id"]}"));
        using var accepted = await sandbox.Http.SendAsync(Patch($"{path}/{created["id"]}", AssignmentBody(group, BuiltInRoles.UserAdministrator), (string)current["@odata.etag"]!));
        var operationId = accepted.Headers.Location!.Segments.Last();

        await sandbox.ControlAsync($"_sandbox/relationships/{active.Id}/operations/{operationId}/fail");

        Assert.Equal("failed", (string)(await JsonAsync(await sandbox.Http.GetAsync(accepted.Headers.Location)))["status"]!);
        var after = await JsonAsync(await sandbox.Http.GetAsync($"{path}/{created["id"]}"));
        Assert.Equal("active", (string)after["status"]!);
        Assert.Contains(BuiltInRoles.DirectoryReaders, after["accessDetails"]!.ToJsonString());
    }

    [Fact]
    public async Task Removing_Global_Administrator_from_an_active_relationship_is_an_operation_and_GA_stays_until_it_succeeds()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("GA off", roles: new[] { BuiltInRoles.GlobalAdministrator, BuiltInRoles.DirectoryReaders });
        var path = $"v1.0/tenantRelationships/delegatedAdminRelationships/{active.Id}";
        var roles = new { accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = BuiltInRoles.DirectoryReaders } } } };

        using var accepted = await sandbox.Http.SendAsync(Patch(path, roles, SandboxHarness.ETag(active)));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.NotNull(accepted.Headers.RetryAfter);
        Assert.Contains("/operations/", accepted.Headers.Location!.AbsolutePath);
        Assert.Contains(BuiltInRoles.GlobalAdministrator, sandbox.State.FindRelationship(active.Id!)!.RoleDefinitionIds);
        var operation = await JsonAsync(await sandbox.Http.GetAsync(accepted.Headers.Location));
        Assert.Equal("delegatedAdminRelationshipUpdate", (string)operation["operationType"]!);

        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 5 });

        Assert.Equal("succeeded", (string)(await JsonAsync(await sandbox.Http.GetAsync(accepted.Headers.Location)))["status"]!);
        Assert.Equal(new[] { BuiltInRoles.DirectoryReaders }, sandbox.State.FindRelationship(active.Id!)!.RoleDefinitionIds);
    }

    [Fact]
    public async Task Other_role_changes_on_an_active_relationship_answer_200_with_the_original_object()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Other roles", roles: new[] { BuiltInRoles.DirectoryReaders, BuiltInRoles.UserAdministrator });
        var path = $"v1.0/tenantRelationships/delegatedAdminRelationships/{active.Id}";
        var roles = new { accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = BuiltInRoles.DirectoryReaders } } } };

        using var answer = await sandbox.Http.SendAsync(Patch(path, roles, SandboxHarness.ETag(active)));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(2, (await JsonAsync(answer))["accessDetails"]!["unifiedRoles"]!.AsArray().Count);
        Assert.Equal(2, sandbox.State.FindRelationship(active.Id!)!.RoleDefinitionIds.Count);
    }

    [Fact]
    public async Task If_Match_star_is_refused_and_a_missing_If_Match_is_a_bad_request()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Star");
        var path = $"v1.0/tenantRelationships/delegatedAdminRelationships/{created!.Id}";

        using var star = await sandbox.Http.SendAsync(Patch(path, new { duration = "P30D" }, "*"));
        using var none = await sandbox.Http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(new { duration = "P30D" }) });

        Assert.Equal(HttpStatusCode.PreconditionFailed, star.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task Access_assignment_lists_are_paged_with_nextLink()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions { TimeProvider = o.TimeProvider, Delay = o.Delay, AccessAssignmentPageSize = 2 });
        var active = await sandbox.CreateActiveAsync("Paged");
        var path = $"v1.0/tenantRelationships/delegatedAdminRelationships/{active.Id}/accessAssignments";
        for (var i = 0; i < 5; i++)
        {
            await sandbox.Http.PostAsJsonAsync(path, AssignmentBody(Guid.NewGuid().ToString(), BuiltInRoles.DirectoryReaders));
        }

        var seen = new List<string>();
        string? next = path;
        var pages = 0;
        while (next is not null)
        {
            var page = await JsonAsync(await sandbox.Http.GetAsync(next));
            seen.AddRange(page["value"]!.AsArray().Select(a => (string)a!["id"]!));
            next = (string?)page["@odata.nextLink"];
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_reseller_relationship_is_listed_with_its_documented_type_and_properties()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var provider = Guid.NewGuid().ToString();
        await sandbox.ControlAsync("_sandbox/reseller-relationships", new { displayName = "Fabrikam admin relationship", indirectProviderTenantId = provider, isPartnerConsentPending = true });

        var list = await JsonAsync(await sandbox.Http.GetAsync("v1.0/tenantRelationships/delegatedAdminRelationships"));
        var item = Assert.Single(list["value"]!.AsArray())!.AsObject();

        Assert.Equal("#microsoft.graph.resellerDelegatedAdminRelationship", (string)item["@odata.type"]!);
        Assert.True((bool)item["isPartnerConsentPending"]!);
        Assert.Equal(provider, (string)item["indirectProviderTenantId"]!);
        var sdk = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.GetAsync();
        Assert.IsType<ResellerDelegatedAdminRelationship>(Assert.Single(sdk!.Value!));
    }

    [Fact]
    public async Task A_relationship_that_does_not_auto_extend_shows_expiring_in_its_last_days()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Ending", duration: TimeSpan.FromDays(30));

        sandbox.Time.Advance(TimeSpan.FromDays(22));
        Assert.Equal(DelegatedAdminRelationshipStatus.Active, (await sandbox.GetAsync(active.Id!))!.Status);
        sandbox.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DelegatedAdminRelationshipStatus.Expiring, (await sandbox.GetAsync(active.Id!))!.Status);
        sandbox.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(DelegatedAdminRelationshipStatus.Expired, (await sandbox.GetAsync(active.Id!))!.Status);
    }

    [Fact]
    public async Task The_create_answer_shows_activatedDateTime_empty_as_the_doc_example_does()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var body = new
        {
            displayName = "Empty activation", duration = "P730D",
            accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = BuiltInRoles.DirectoryReaders } } },
        };

        using var created = await sandbox.Http.PostAsJsonAsync("v1.0/tenantRelationships/delegatedAdminRelationships", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("", (string)(await JsonAsync(created))["activatedDateTime"]!);
    }
}
