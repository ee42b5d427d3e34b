using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

public class GraphGdapAccessAssignmentTests
{
    private const string Group = "0b7f8d35-3a1e-4c8e-9d0a-5e2b7c1f4a60";
    private const string HelpdeskRole = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string ReaderRole = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    [Fact]
    public async Task An_assignment_the_service_moved_on_since_it_was_listed_is_updated_with_its_new_etag()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("x", "active");
        await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec(Group, new[] { HelpdeskRole }));
        h.Server.Fault(_ => null); // The list, as it is.
        h.Server.Fault(_ =>
        {
            r.Assignments[0]["@odata.etag"] = "W/\"settled\""; // The service settles it (pending → active) before our PATCH lands.
            return null;
        });

        var updated = await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec(Group, new[] { HelpdeskRole, ReaderRole }));

        Assert.Equal(new[] { HelpdeskRole, ReaderRole }, updated.Roles);
        Assert.Equal(new[] { "GET", "PATCH", "GET", "PATCH" }, h.Server.Requests.Skip(2).Select(q => q.Method)); // After the create's list + post.
    }

    [Fact]
    public async Task A_stale_etag_the_caller_gave_still_fails()
    {
        using var h = new GraphGdapHarness();
        var r = h.Server.Add("x", "active");
        var created = await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec(Group, new[] { HelpdeskRole }));
        await h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec(Group, new[] { ReaderRole }));

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() =>
            h.GraphGdap.CreateOrUpdateAccessAssignmentAsync(r.Id, new AccessAssignmentSpec(Group, new[] { HelpdeskRole, ReaderRole }), created.ETag));

        Assert.Equal("RemotePreconditionFailed", ex.ErrorId);
    }
}
