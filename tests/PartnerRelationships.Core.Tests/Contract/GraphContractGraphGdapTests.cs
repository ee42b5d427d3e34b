using System.Net;
using System.Text;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Remote;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Contract;

/// <summary>
/// The Graph GDAP client against answers exactly as the docs show them (status, headers, body): a 202 is followed as Retry-After
/// says, bounded and cancellable; a documented create answer is read; reseller items are not the partner's own.
/// </summary>
public sealed class GraphContractGraphGdapTests
{
    private const string Group = "227a2f44-2682-4831-a021-f8d69a34bcba";
    private const string AssignmentId = "84c586df-0943-416e-b95f-7289cb8d3bd5";
    private const string NewRole = "fe930be7-5e62-47db-91af-98c3a49a38b1";

    private static HttpResponseMessage Raw(HttpStatusCode status, string body, string? location = null, int? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (location is not null) response.Headers.Location = new Uri(location);
        if (retryAfter is { } seconds) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    }

    /// <summary>Answers the assignment calls with the docs' examples; the operation reports <paramref name="operationStatus"/>.</summary>
    private static void ScriptAssignmentUpdate(GraphGdapHarness h, Func<int, string> operationStatus)
    {
        var polls = 0;
        var updated = false;
        for (var i = 0; i < 20; i++)
        {
            h.Server.Fault(request =>
            {
                var path = request.RequestUri!.AbsolutePath;
                if (request.Method == HttpMethod.Patch)
                {
                    updated = true;
                    // delegatedadminaccessassignment-update: the documented 202, verbatim.
                    return Raw(HttpStatusCode.Accepted, GraphDocExamples.UpdateAccessAssignmentBody,
                        GraphDocExamples.UpdateAccessAssignmentLocation, GraphDocExamples.UpdateAccessAssignmentRetryAfterSeconds);
                }

                if (path.Contains("/operations/"))
                {
                    var status = operationStatus(++polls);
                    return Raw(HttpStatusCode.OK, GraphDocExamples.GetOperation.Replace("\"status\": \"succeeded\"", $"\"status\": \"{status}\""));
                }

                var list = GraphDocExamples.ListAccessAssignments;
                if (updated && polls > 0 && operationStatus(polls) == "succeeded")
                {
                    list = list.Replace("\"roleDefinitionId\": \"88d8e3e3-8f55-4a1e-953a-9b9898b8876b\"", $"\"roleDefinitionId\": \"{NewRole}\"");
                }

                if (path.EndsWith("/accessAssignments/" + AssignmentId))
                {
                    var item = System.Text.Json.Nodes.JsonNode.Parse(list)!["value"]![0]!.ToJsonString();
                    return Raw(HttpStatusCode.OK, item);
                }

                return path.EndsWith("/accessAssignments") ? Raw(HttpStatusCode.OK, list) : null;
            });
        }
    }

    private static AccessAssignmentSpec Spec() => new(Group, new[] { NewRole, "44367163-eba1-44c3-98af-f5787879f96a", "62e90394-69f5-4237-9190-012177145e10" });

    [Fact]
    public async Task A_documented_202_is_followed_as_Retry_After_says_and_the_assignment_read_again()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("Contoso", "active");
        ScriptAssignmentUpdate(h, poll => poll < 2 ? "running" : "succeeded");

        var task = h.GraphGdap.CreateOrUpdateAccessAssignmentAsync("rel-1", Spec());
        var waits = await h.Clock.DriveAsync(task, ResilienceHarness.RetryWait);
        var result = await task;

        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) }, waits);
        Assert.Equal(AssignmentId, result.Id);
        Assert.Contains(NewRole, result.Roles);
        Assert.Equal(RemoteOperationInfo.Succeeded, result.Operation!.Status);
        Assert.Equal("57e4479a-aafb-4d00-ab0f-8ce6027466cf", result.Operation.Id);
        Assert.Contains(h.Server.Requests, r => r.Method == "GET" && r.PathAndQuery.EndsWith("/operations/d8dbb27b-7fe7-4523-a3df-f766355fe0f2"));
        Assert.Contains(h.Server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task An_operation_still_running_at_the_wait_limit_comes_back_marked_in_progress()
    {
        using var h = new GraphGdapHarness();
        h.GraphGdap.OperationWaitLimit = TimeSpan.FromSeconds(25);
        h.Server.Add("Contoso", "active");
        ScriptAssignmentUpdate(h, _ => "running");

        var task = h.GraphGdap.CreateOrUpdateAccessAssignmentAsync("rel-1", Spec());
        var waits = await h.Clock.DriveAsync(task, ResilienceHarness.RetryWait);
        var result = await task;

        Assert.Equal(2, waits.Count); // 10 s + 10 s; a third would pass the 25 s limit
        Assert.Equal(RemoteOperationInfo.Running, result.Operation!.Status);
        Assert.False(result.Operation.IsFinished);
        Assert.DoesNotContain(NewRole, result.Roles); // the roles in force are still the old ones
    }

    [Fact]
    public async Task A_failed_operation_is_an_error_that_says_nothing_changed()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("Contoso", "active");
        ScriptAssignmentUpdate(h, _ => "failed");

        var task = h.GraphGdap.CreateOrUpdateAccessAssignmentAsync("rel-1", Spec());
        await h.Clock.DriveAsync(task, ResilienceHarness.RetryWait);
        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => task);

        Assert.Equal("RemoteOperationFailed", ex.ErrorId);
        Assert.Contains("nothing changed", ex.Message);
    }

    [Fact]
    public async Task Following_an_operation_stops_when_cancelled()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("Contoso", "active");
        ScriptAssignmentUpdate(h, _ => "running");
        using var cancel = new CancellationTokenSource();

        var task = h.GraphGdap.CreateOrUpdateAccessAssignmentAsync("rel-1", Spec(), cancellationToken: cancel.Token);
        await h.Clock.NextTimerAsync(d => d == TimeSpan.FromSeconds(10), task); // waiting for the first poll
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task The_documented_create_answer_with_an_empty_activatedDateTime_is_read()
    {
        using var h = new GraphGdapHarness();
        h.Server.Fault(_ => Raw(HttpStatusCode.Created, GraphDocExamples.CreateRelationship));

        var created = await h.GraphGdap.CreateRelationshipAsync(new RelationshipSpec
        {
            DisplayName = "Contoso admin relationship",
            CustomerTenantId = "4b827261-d21f-4aa9-b7db-7fa1f56fb163",
            Roles = new[] { "29232cdf-9323-42fd-ade2-1d097af3e4de", "3a2c62db-5318-420d-8d74-23affee5d9d5" },
            Duration = TimeSpan.FromDays(730),
            AutoExtendDuration = TimeSpan.FromDays(180),
        });

        Assert.Equal(RelationshipStatus.Created, created.Status);
        Assert.Null(created.ActivatedDateTime);
        Assert.Equal("5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836", created.Id);
    }

    [Fact]
    public async Task The_documented_list_yields_the_partners_own_relationships_and_the_reseller_item_only_when_asked()
    {
        using var h = new GraphGdapHarness();
        h.Server.Fault(_ => Raw(HttpStatusCode.OK, GraphDocExamples.ListRelationships));
        h.Server.Fault(_ => Raw(HttpStatusCode.OK, GraphDocExamples.ListRelationships));

        var own = await h.GraphGdap.ListRelationshipsAsync().CollectAsync(CancellationToken.None);
        var all = await h.GraphGdap.ListRelationshipsAsync(new RelationshipFilter { IncludeResellerRelationships = true }).CollectAsync(CancellationToken.None);

        Assert.Equal(new[] { "Contoso admin relationship", "Contoso subsidiary relationship" }, own.Select(r => r.DisplayName));
        Assert.Equal(3, all.Count);
        Assert.True(all[2].IsResellerRelationship);
    }

    [Fact]
    public async Task Access_assignment_pages_are_followed_through_nextLink()
    {
        using var h = new GraphGdapHarness();
        h.Server.Add("Contoso", "active");
        // No doc example shows a second page: the first carries @odata.nextLink (documented OData paging).
        var first = GraphDocExamples.ListAccessAssignments.Replace(
            "\"value\": [", "\"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships/rel-1/accessAssignments?$skiptoken=page2\",\n  \"value\": [");
        h.Server.Fault(_ => Raw(HttpStatusCode.OK, first));
        h.Server.Fault(_ => Raw(HttpStatusCode.OK, GraphDocExamples.ListAccessAssignments.Replace("84c586df", "94c586df").Replace("8d56bce3", "9d56bce3")));

        var all = await h.GraphGdap.ListAccessAssignmentsAsync("rel-1");

        Assert.Equal(4, all.Count);
        Assert.Contains(h.Server.Requests, r => r.PathAndQuery.Contains("skiptoken=page2"));
    }

    [Fact]
    public async Task A_relationship_answered_with_an_empty_body_is_a_clear_error_not_an_empty_record()
    {
        using var h = new GraphGdapHarness();
        h.Server.Fault(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") });

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => h.GraphGdap.GetRelationshipAsync("rel-1"));

        Assert.Equal("RemoteEmptyResponse", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Category);
    }
}
