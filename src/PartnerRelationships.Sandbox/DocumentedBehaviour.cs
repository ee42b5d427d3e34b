namespace PartnerRelationships.Sandbox;

/// <summary>
/// Every Graph (GDAP) rule the sandbox enforces, with the public doc page it follows (microsoft-graph-docs-contrib,
/// api-reference/v1.0/api/&lt;page&gt;.md; learn.microsoft.com/graph/api/&lt;page&gt;). Where the docs are silent the
/// sandbox's choice is marked CHOICE and written down in docs/wire-contract.md. Code that implements a rule refers to
/// the constant of its page, so a rule and its source are found together.
/// </summary>
/// <remarks>
/// | rule | page |
/// | --- | --- |
/// | list: paged, value + @odata.nextLink, $top ≤ 300; may contain #microsoft.graph.resellerDelegatedAdminRelationship items (isPartnerConsentPending, indirectProviderTenantId) | <see cref="ListRelationships"/>, <see cref="ResellerRelationshipResource"/> |
/// | create: 201 + Location; displayName unique and ≤ 50; duration P1D–P2Y; autoExtendDuration PT0S/P0D/P180D; the answer shows activatedDateTime "" (as the doc's example) | <see cref="CreateRelationship"/> |
/// | update: If-Match required (an ETag from GET/LIST); any field while created; autoExtendDuration while created or active; removing Global Administrator while active → 202 + Location (operation) + Retry-After, GA kept until the operation succeeds; other accessDetails on an active relationship → 200 with the original object | <see cref="UpdateRelationship"/> |
/// | delete: If-Match; only while created; 204 | <see cref="DeleteRelationship"/> |
/// | requests: lockForApproval (created) or terminate (active); 201 + Location; the request starts "created" and the relationship moves afterwards | <see cref="PostRequests"/> |
/// | request status: created, pending, succeeded, failed (the control …/requests/{id}/fail fails one not yet processed) | <see cref="RequestResource"/> |
/// | status enum: activating, active, approvalPending, approved, created, expired, expiring, terminated, terminating, terminationRequested | <see cref="RelationshipResource"/> |
/// | access assignments: created only on an active relationship, 201 + Location, status pending; list paged ($top ≤ 300), each item with @odata.etag | <see cref="PostAccessAssignments"/>, <see cref="ListAccessAssignments"/> |
/// | access assignment update: If-Match required; 202 Accepted, body {}, Location → …/operations/{id}, Retry-After; 200 with the original object when nothing changes | <see cref="UpdateAccessAssignment"/> |
/// | access assignment delete: If-Match; 204; deleting → deleted | <see cref="DeleteAccessAssignment"/> |
/// | operations: {id, operationType, data, status notStarted/running/succeeded/failed, createdDateTime, lastModifiedDateTime}; listed per relationship | <see cref="GetOperation"/>, <see cref="ListOperations"/> |
/// | errors: {"error":{"code","message","innerError":{…}}}; a stale ETag is 412 | Graph errors page (errors.md) |
/// | CHOICE: If-Match "*" is not documented: it is refused (412) like any ETag the service never gave | — |
/// | CHOICE: transitional timings: approved → activating → active, terminationRequested → terminating → terminated, and a lockForApproval request, each take PendingWorkDelay in steps; any clock advance completes them | — |
/// | CHOICE: expiring during the last 7 days of a relationship that does not auto-extend | — |
/// | CHOICE: a customer who declines: expired with no activatedDateTime (no "rejected" status exists) | — |
/// | CHOICE: while an access assignment's operation runs the assignment shows status pending and its previous roles; the new roles apply when it succeeds | — |
/// | CHOICE: a relationship PATCH answered 202 has an empty body | — |
/// | CHOICE: a second lockForApproval while one is being processed is a 400 | — |
/// | CHOICE: operations take PendingWorkDelay (notStarted, running from a third of it, done at the end); Retry-After is a third of it, at least 1 s | — |
/// </remarks>
internal static class DocumentedBehaviour
{
    public const string ListRelationships = "tenantrelationship-list-delegatedadminrelationships";
    public const string CreateRelationship = "tenantrelationship-post-delegatedadminrelationships";
    public const string GetRelationship = "delegatedadminrelationship-get";
    public const string UpdateRelationship = "delegatedadminrelationship-update";
    public const string DeleteRelationship = "delegatedadminrelationship-delete";
    public const string PostRequests = "delegatedadminrelationship-post-requests";
    public const string ListAccessAssignments = "delegatedadminrelationship-list-accessassignments";
    public const string PostAccessAssignments = "delegatedadminrelationship-post-accessassignments";
    public const string UpdateAccessAssignment = "delegatedadminaccessassignment-update";
    public const string DeleteAccessAssignment = "delegatedadminaccessassignment-delete";
    public const string GetOperation = "delegatedadminrelationshipoperation-get";
    public const string ListOperations = "delegatedadminrelationship-list-operations";
    public const string RelationshipResource = "resources/delegatedadminrelationship";
    public const string RequestResource = "resources/delegatedadminrelationshiprequest";
    public const string ResellerRelationshipResource = "resources/resellerdelegatedadminrelationship";

    /// <summary>CHOICE: how long a relationship shows expiring before its end (when it does not auto-extend).</summary>
    public static readonly TimeSpan ExpiringWindow = TimeSpan.FromDays(7);
}
