using System.Text;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Contract;

/// <summary>
/// The Graph docs' own example responses (<see cref="GraphDocExamples"/>) read by the client's readers: a documented
/// answer must give the documented values. Each test names the doc page its example comes from.
/// </summary>
public sealed class GraphContractReaderTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void List_relationships_example_reads_every_documented_value_and_marks_the_reseller_item()
    {
        // tenantrelationship-list-delegatedadminrelationships
        var items = GraphRelationshipPageReader.Read(Utf8(GraphDocExamples.ListRelationships), out var next);

        Assert.Null(next);
        Assert.Equal(3, items.Count);
        var active = items[0];
        Assert.Equal("5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836", active.Id);
        Assert.Equal("Contoso admin relationship", active.DisplayName);
        Assert.Equal(RelationshipStatus.Active, active.Status);
        Assert.Equal("active", active.ServiceStatus);
        Assert.Equal(TimeSpan.FromDays(730), active.Duration);
        Assert.Equal(TimeSpan.FromDays(180), active.AutoExtendDuration);
        Assert.Equal("52eaad04-13a2-4a2f-9ce8-93a294fadf36", active.CustomerTenantId);
        Assert.Equal("Contoso Inc", active.CustomerName);
        Assert.Equal(new[] { "dd4db9a0-cc4a-4213-9f9f-70242232d97e" }, active.Roles);
        Assert.Equal(DateTimeOffset.Parse("2022-02-10T11:26:44.9941884Z"), active.ActivatedDateTime);
        Assert.Equal(DateTimeOffset.Parse("2024-02-10T11:24:42.3148266Z"), active.EndDateTime);
        Assert.Equal("W/\"JyIwMzAwZTM0ZS0wMDAwLTAyMDAtMDAwMC02MTRjZjI1YzAwMDAiJw==\"", active.ETag);
        Assert.False(active.IsResellerRelationship);

        var terminated = items[1];
        Assert.Equal(RelationshipStatus.Terminated, terminated.Status);
        Assert.Equal(TimeSpan.Zero, terminated.AutoExtendDuration); // "PT0S"
        Assert.Equal(2, terminated.Roles.Count);

        var reseller = items[2];
        Assert.True(reseller.IsResellerRelationship);
        Assert.Equal("60ea59db-a506-485e-94c5-d115f369e239", reseller.IndirectProviderTenantId);
        Assert.True(reseller.IsPartnerConsentPending);
        Assert.Equal(RelationshipStatus.ApprovalPending, reseller.Status);
        Assert.Null(reseller.ActivatedDateTime);
        Assert.Null(reseller.EndDateTime);
        Assert.Equal(9, reseller.Roles.Count);
    }

    [Fact]
    public void Create_relationship_example_survives_an_empty_activatedDateTime()
    {
        // tenantrelationship-post-delegatedadminrelationships: "activatedDateTime": ""
        var created = GraphRelationshipPageReader.ReadOne(Utf8(GraphDocExamples.CreateRelationship));

        Assert.Equal(RelationshipStatus.Created, created.Status);
        Assert.Null(created.ActivatedDateTime);
        Assert.Equal("Contoso admin relationship", created.DisplayName);
        Assert.Equal("4b827261-d21f-4aa9-b7db-7fa1f56fb163", created.CustomerTenantId);
        Assert.Equal("Contoso subsidiary Inc", created.CustomerName);
        Assert.Equal(new[] { "29232cdf-9323-42fd-ade2-1d097af3e4de", "3a2c62db-5318-420d-8d74-23affee5d9d5" }, created.Roles);
        Assert.Equal(TimeSpan.FromDays(180), created.AutoExtendDuration);
        Assert.Equal(DateTimeOffset.Parse("2024-02-10T11:24:42.3148266Z"), created.EndDateTime);
        Assert.Equal("W/\"JyIxODAwZTY4My0wMDAwLTAyMDAtMDAwMC02MTU0OWFmMDAwMDAiJw==\"", created.ETag);
    }

    [Fact]
    public void Update_relationship_example_reads_without_the_fields_it_leaves_out()
    {
        // delegatedadminrelationship-update: no autoExtendDuration, no customer displayName, no dates of activation
        var updated = GraphRelationshipPageReader.ReadOne(Utf8(GraphDocExamples.UpdateRelationship));

        Assert.Equal("Updated Contoso admin relationship", updated.DisplayName);
        Assert.Equal(TimeSpan.FromDays(31), updated.Duration);
        Assert.Equal(TimeSpan.Zero, updated.AutoExtendDuration);
        Assert.Null(updated.CustomerName);
        Assert.Equal(4, updated.Roles.Count);
        Assert.Null(updated.EndDateTime);
    }

    [Fact]
    public void Post_request_example_starts_created()
    {
        // delegatedadminrelationship-post-requests
        var request = GraphObjectReader.ReadRequest(Utf8(GraphDocExamples.PostRequest), "rel");

        Assert.Equal("5a6666c9-7282-0a41-67aa-25a5a3fbf339", request.Id);
        Assert.Equal("lockForApproval", request.Action);
        Assert.Equal("created", request.Status);
    }

    [Fact]
    public void List_access_assignments_example_reads_groups_roles_and_etags()
    {
        // delegatedadminrelationship-list-accessassignments
        var page = GraphObjectReader.ReadAssignmentPage(Utf8(GraphDocExamples.ListAccessAssignments), "rel", out var next);

        Assert.Null(next);
        Assert.Equal(2, page.Count);
        Assert.Equal("84c586df-0943-416e-b95f-7289cb8d3bd5", page[0].Id);
        Assert.Equal("227a2f44-2682-4831-a021-f8d69a34bcba", page[0].SecurityGroupId);
        Assert.Equal("active", page[0].Status);
        Assert.Equal(4, page[0].Roles.Count);
        Assert.Contains("62e90394-69f5-4237-9190-012177145e10", page[0].Roles);
        Assert.Equal("W/\"JyIwMDAwMjAwOC0wMDAwLTAyMDAtMDAwMC02MjJhYWQzYjAwMDAiJw==\"", page[1].ETag);
        Assert.Equal(DateTimeOffset.Parse("2022-03-11T02:00:27.7912161Z"), page[1].LastModifiedDateTime);
    }

    [Fact]
    public void Update_access_assignment_202_example_body_is_no_assignment_and_its_Location_names_the_operation()
    {
        // delegatedadminaccessassignment-update: 202 Accepted, body {}, Location → …/operations/{id}
        Assert.Null(GraphObjectReader.ReadAssignment(Utf8(GraphDocExamples.UpdateAccessAssignmentBody), "rel"));
        Assert.Equal("d8dbb27b-7fe7-4523-a3df-f766355fe0f2", GraphGdapClient.OperationId(new Uri(GraphDocExamples.UpdateAccessAssignmentLocation)));
    }

    [Fact]
    public void Operation_example_reads_its_status_type_and_data()
    {
        // delegatedadminrelationshipoperation-get
        var operation = GraphObjectReader.ReadOperation(Utf8(GraphDocExamples.GetOperation), "rel");

        Assert.Equal("57e4479a-aafb-4d00-ab0f-8ce6027466cf", operation.Id);
        Assert.Equal("delegatedAdminAccessAssignmentUpdate", operation.OperationType);
        Assert.Equal(RemoteOperationInfo.Succeeded, operation.Status);
        Assert.True(operation.IsFinished);
        Assert.Contains("e3973bdf-4987-49ae-837a-ba8e231c7286", operation.Data);
        Assert.Equal(DateTimeOffset.Parse("2022-02-11T19:27:31.4047395Z"), operation.LastModifiedDateTime);
    }

    [Fact]
    public void A_continuation_page_built_from_the_documented_shape_gives_its_next_link()
    {
        // No doc example shows a continuation page: built from the documented OData shape.
        var items = GraphRelationshipPageReader.Read(Utf8(GraphDocExamples.ContinuationPageFromShape), out var next);

        Assert.Empty(items);
        Assert.Equal("https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships?$top=1&$skiptoken=abc", next);
    }

    [Fact]
    public void An_error_built_from_the_documented_shape_gives_code_and_message_and_anything_else_gives_nothing()
    {
        Assert.Equal(("badRequest", "Uh oh!"), GraphObjectReader.ReadError(Utf8(GraphDocExamples.ErrorFromShape)));
        Assert.Equal((null, null), GraphObjectReader.ReadError(Utf8("<html>Bad gateway</html>")));
        Assert.Equal((null, null), GraphObjectReader.ReadError(Array.Empty<byte>()));
    }

    [Theory]
    [InlineData("someFutureStatus")]
    [InlineData("unknownFutureValue")]
    public void An_unknown_status_reads_as_a_marked_Unknown_with_the_service_value_kept(string wire)
    {
        var json = GraphDocExamples.CreateRelationship.Replace("\"status\": \"created\"", $"\"status\": \"{wire}\"");

        var relationship = GraphRelationshipPageReader.ReadOne(Utf8(json));

        Assert.Equal(RelationshipStatus.Unknown, relationship.Status);
        Assert.Equal(wire, relationship.ServiceStatus);
    }
}
