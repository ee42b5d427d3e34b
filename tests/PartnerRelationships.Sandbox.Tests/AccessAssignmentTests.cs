using Microsoft.Graph.Models;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Tests;

public sealed class AccessAssignmentTests
{
    private static DelegatedAdminAccessAssignment Assignment(string groupId, params string[] roles) => new()
    {
        AccessContainer = new DelegatedAdminAccessContainer
        {
            AccessContainerId = groupId,
            AccessContainerType = DelegatedAdminAccessContainerType.SecurityGroup,
        },
        AccessDetails = new DelegatedAdminAccessDetails
        {
            UnifiedRoles = roles.Select(r => new UnifiedRole { RoleDefinitionId = r }).ToList(),
        },
    };

    [Fact]
    public async Task Assignments_can_be_created_only_on_an_active_relationship()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Not yet active");

        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () =>
            sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[created!.Id].AccessAssignments.PostAsync(
                Assignment(Guid.NewGuid().ToString(), BuiltInRoles.DirectoryReaders)));
    }

    [Fact]
    public async Task A_new_assignment_is_pending_then_active_on_the_next_clock_tick()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Assign");
        var group = Guid.NewGuid().ToString();
        var assignments = sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].AccessAssignments;

        var created = await assignments.PostAsync(Assignment(group, BuiltInRoles.DirectoryReaders));

        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Pending, created!.Status);
        Assert.Equal(group, created.AccessContainer!.AccessContainerId);
        Assert.Equal(DelegatedAdminAccessContainerType.SecurityGroup, created.AccessContainer.AccessContainerType);
        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 1 });
        var fetched = await assignments[created.Id].GetAsync();
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Active, fetched!.Status);
        var list = await assignments.GetAsync();
        Assert.Equal(created.Id, Assert.Single(list!.Value!).Id);
    }

    [Fact]
    public async Task Assignment_rules_roles_from_the_relationship_one_per_group_and_a_group_guid()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Rules", roles: new[] { BuiltInRoles.DirectoryReaders, BuiltInRoles.UserAdministrator });
        var assignments = sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].AccessAssignments;
        var group = Guid.NewGuid().ToString();

        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => assignments.PostAsync(Assignment(group, BuiltInRoles.GlobalAdministrator)));
        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => assignments.PostAsync(Assignment("helpdesk-group", BuiltInRoles.DirectoryReaders)));
        await assignments.PostAsync(Assignment(group, BuiltInRoles.DirectoryReaders));
        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => assignments.PostAsync(Assignment(group, BuiltInRoles.UserAdministrator)));
    }

    [Fact]
    public async Task Patch_and_delete_need_the_current_etag()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Etags", roles: new[] { BuiltInRoles.DirectoryReaders, BuiltInRoles.UserAdministrator });
        var assignments = sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].AccessAssignments;
        var created = await assignments.PostAsync(Assignment(Guid.NewGuid().ToString(), BuiltInRoles.DirectoryReaders));
        await sandbox.ControlAsync("_sandbox/process");
        var current = await assignments[created!.Id].GetAsync();

        await ODataErrorAssert.ThrowsAsync(412, "preconditionFailed", () =>
            assignments[created.Id].PatchAsync(Assignment(created.AccessContainer!.AccessContainerId!, BuiltInRoles.UserAdministrator),
                c => c.Headers.Add("If-Match", SandboxHarness.ETag(created))));
        await ODataErrorAssert.ThrowsAsync(412, "preconditionFailed", () =>
            assignments[created.Id].PatchAsync(Assignment(created.AccessContainer!.AccessContainerId!, BuiltInRoles.UserAdministrator),
                c => c.Headers.Add("If-Match", "*"))); // "*" is not documented: only an ETag the service gave
        await assignments[created.Id].PatchAsync(
            new DelegatedAdminAccessAssignment
            {
                AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = new List<UnifiedRole> { new() { RoleDefinitionId = BuiltInRoles.UserAdministrator } } },
            },
            c => c.Headers.Add("If-Match", SandboxHarness.ETag(current!)));
        await sandbox.ControlAsync("_sandbox/process"); // the update's operation completes
        var patched = await assignments[created.Id].GetAsync();
        Assert.Equal(BuiltInRoles.UserAdministrator, Assert.Single(patched!.AccessDetails!.UnifiedRoles!).RoleDefinitionId);

        await ODataErrorAssert.ThrowsAsync(400, "badRequest", () => assignments[created.Id].DeleteAsync());
        await assignments[created.Id].DeleteAsync(c => c.Headers.Add("If-Match", SandboxHarness.ETag(patched)));
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Deleting, (await assignments[created.Id].GetAsync())!.Status);
        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 1 });
        Assert.Equal(DelegatedAdminAccessAssignmentStatus.Deleted, (await assignments[created.Id].GetAsync())!.Status);
        await ODataErrorAssert.ThrowsAsync(404, "notFound", () => assignments["missing"].GetAsync());
    }
}
