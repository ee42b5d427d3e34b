using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using Polly;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// <see cref="IGraphGdapClient"/> over the Microsoft Graph v5 SDK, using our HttpClient: the SDK's default
/// middleware (redirects, compression, headers…) minus its RetryHandler, whose place our resilient handler takes.
/// </summary>
public sealed partial class GraphGdapClient : IGraphGdapClient, ISecurityGroupDirectory, IAccessAssignmentRemoval, IGlobalAdministratorRemoval, IDisposable
{
    private readonly GraphServiceClient _graph;
    private readonly HttpClient _httpClient;
    private readonly CloudEndpoints _endpoints;
    private readonly TimeProvider _time;

    /// <summary>The largest $top delegatedAdminRelationships accepts (Graph v1.0 docs: "$top supports up to 300 objects").</summary>
    internal const int MaxRelationshipPageSize = 300;

    /// <summary>Contracts are directory objects, whose $top goes up to 999 (the default page is 100): fewer round trips.</summary>
    internal const int MaxContractPageSize = 999;

    /// <summary>What the SDK's generated requests use: any error status is parsed as an OData error.</summary>
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ODataErrorMapping = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    /// <param name="transport">The innermost handler (tests pass a fake server); null for the platform's default.</param>
    public GraphGdapClient(
        TokenCredential credential,
        CloudEndpoints endpoints,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        TimeProvider timeProvider,
        Func<IRemoteCallObserver?>? observer = null,
        HttpMessageHandler? transport = null,
        AdaptiveRateLimiter? limiter = null)
    {
        if (credential is null) throw new ArgumentNullException(nameof(credential));
        _endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

        var chain = new HttpHandlerChainBuilder(pipeline, timeProvider)
            .ObservedBy(observer)
            .PacedBy(limiter)
            .WithSdkMiddleware(GraphClientFactory.CreateDefaultHandlers(), handler => handler is RetryHandler)
            .Over(transport);
        var handlers = chain.BuildHandlers();
        Handlers = handlers.ToList();
        _httpClient = GraphClientFactory.Create(handlers, finalHandler: chain.Transport, disposeHandler: true);
        _httpClient.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // Our pipeline owns every timeout.
        _graph = new GraphServiceClient(_httpClient, new GraphTokenAuthenticationProvider(credential, endpoints.GraphScope), endpoints.Graph.ToString().TrimEnd('/'));
    }

    /// <summary>The middleware chain, outermost first (exposed so tests can prove the SDK retry handler is gone).</summary>
    internal IReadOnlyList<DelegatingHandler> Handlers { get; }

    private Microsoft.Graph.TenantRelationships.DelegatedAdminRelationships.DelegatedAdminRelationshipsRequestBuilder Relationships
    {
        get
        {
            _endpoints.EnsureGranularAdminAvailable();
            return _graph.TenantRelationships.DelegatedAdminRelationships;
        }
    }

    /// <summary>
    /// Pages are read through the SDK's request adapter (same authentication, middleware and resilience pipeline) as
    /// raw JSON and parsed by <see cref="GraphRelationshipPageReader"/>: the SDK's model parsing was most of a large
    /// listing's time. Without a page size the largest the service allows is asked for (fewer round trips).
    /// </summary>
    public async IAsyncEnumerable<DelegatedAdminRelationshipInfo> ListRelationshipsAsync(RelationshipFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var builder = Relationships;
        var request = builder.ToGetRequestInformation(config =>
        {
            config.QueryParameters.Filter = BuildFilter(filter);
            config.QueryParameters.Top = filter?.PageSize ?? MaxRelationshipPageSize;
        });

        while (true)
        {
            var page = await ReadRelationshipPageAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                if (item.IsResellerRelationship && filter?.IncludeResellerRelationships != true)
                {
                    continue; // An indirect provider's relationship for a reseller: not the partner's own access.
                }

                yield return item;
            }

            if (string.IsNullOrEmpty(page.NextLink))
            {
                yield break;
            }

            request = builder.WithUrl(page.NextLink!).ToGetRequestInformation();
        }
    }

    private async Task<(List<DelegatedAdminRelationshipInfo> Items, string? NextLink)> ReadRelationshipPageAsync(RequestInformation request, CancellationToken cancellationToken)
    {
        const string operation = "List relationships";
        using var body = await CallAsync(operation, null, async () =>
        {
            using var stream = await _graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ODataErrorMapping, cancellationToken).ConfigureAwait(false);
            return stream is null ? null : await ResponseBody.ReadRentedAsync(stream, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (body is null || Utf8JsonReading.IsBlank(body.Bytes.AsSpan()))
        {
            return (new List<DelegatedAdminRelationshipInfo>(), null); // No content: an empty collection, as the SDK read it.
        }

        try
        {
            // The reader copies out every value it keeps: the pooled buffer goes back when this method ends.
            var items = GraphRelationshipPageReader.Read(body.Bytes.AsSpan(), out var nextLink);
            return (items, nextLink);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData, $"{operation}: Microsoft Graph answered with a page that is not the expected JSON ({ex.Message}). Try again; if it persists, the service changed its format.", null, ex);
        }
    }

    public async Task<DelegatedAdminRelationshipInfo> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        var operation = "Get relationship " + relationshipId;
        var answer = await SendRawAsync(Relationships[relationshipId].ToGetRequestInformation(), operation, relationshipId, cancellationToken).ConfigureAwait(false);
        if (!answer.HasBody)
        {
            throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteEmptyResponse, ErrorKind.InvalidData,
                $"{operation}: Microsoft Graph answered {answer.Status} with an empty body instead of the relationship. Try again; if it persists, the service changed its behaviour.", relationshipId);
        }
        return Read(operation, relationshipId, () => GraphRelationshipPageReader.ReadOne(answer.Body.AsSpan()));
    }

    public async Task<DelegatedAdminRelationshipInfo> CreateRelationshipAsync(RelationshipSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        var body = new DelegatedAdminRelationship
        {
            DisplayName = spec.DisplayName,
            Duration = spec.Duration,
            AutoExtendDuration = spec.AutoExtendDuration,
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = GraphModelMapper.ToUnifiedRoles(spec.Roles) },
        };
        if (spec.CustomerTenantId is not null)
        {
            body.Customer = new DelegatedAdminRelationshipCustomerParticipant { TenantId = spec.CustomerTenantId, DisplayName = spec.CustomerName };
        }

        var builder = Relationships;
        var operation = "Create relationship '" + spec.DisplayName + "'";
        try
        {
            // Raw: the documented answer carries "activatedDateTime": "" (tenantrelationship-post-delegatedadminrelationships).
            var answer = await SendRawAsync(builder.ToPostRequestInformation(body), operation, spec.DisplayName, cancellationToken).ConfigureAwait(false);
            if (answer.HasBody)
            {
                return Read(operation, spec.DisplayName, () => GraphRelationshipPageReader.ReadOne(answer.Body.AsSpan()));
            }

            return await FindByDisplayNameAsync(spec.DisplayName, cancellationToken).ConfigureAwait(false)
                ?? throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteEmptyResponse, ErrorKind.InvalidData, "The service accepted the relationship but returned nothing; list relationships to find it.", spec.DisplayName);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId is ErrorIds.Remote.RemoteBadRequest or ErrorIds.Remote.RemoteConflict)
        {
            // The docs do not say how a taken display name is reported, so the name is looked up rather than the
            // message read. A retried create whose first response was lost lands here too: return what it made.
            var existing = await FindByDisplayNameAsync(spec.DisplayName, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw; // The 400 was about something else.
            }

            if (Matches(existing, spec))
            {
                return existing;
            }

            throw new PartnerRelationshipsException(
                ErrorIds.Remote.RelationshipNameTaken,
                ErrorKind.ResourceExists,
                $"A relationship named '{spec.DisplayName}' already exists (id {existing.Id}, status {existing.Status}) and is not the one requested. Choose another display name (or DisplayNamePrefix in the configuration).",
                spec.DisplayName,
                ex);
        }
    }

    public Task<RelationshipRequestInfo> LockForApprovalAsync(string relationshipId, CancellationToken cancellationToken = default)
        => RequestAsync(relationshipId, DelegatedAdminRelationshipRequestAction.LockForApproval, RelationshipStatus.ApprovalPending, cancellationToken);

    public async Task DeleteRelationshipAsync(string relationshipId, string etag, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        RequireId(etag, nameof(etag));
        var builder = Relationships[relationshipId];
        await CallAsync<object>("Delete relationship " + relationshipId, relationshipId, async () =>
        {
            await builder.DeleteAsync(config => config.Headers.Add("If-Match", etag), cancellationToken).ConfigureAwait(false);
            return null;
        }).ConfigureAwait(false);
    }

    public Task<RelationshipRequestInfo> TerminateAsync(string relationshipId, CancellationToken cancellationToken = default)
        => RequestAsync(relationshipId, DelegatedAdminRelationshipRequestAction.Terminate, RelationshipStatus.TerminationRequested, cancellationToken);

    private async Task<RelationshipRequestInfo> RequestAsync(string relationshipId, DelegatedAdminRelationshipRequestAction action, RelationshipStatus reached, CancellationToken cancellationToken)
    {
        RequireId(relationshipId, nameof(relationshipId));
        var builder = Relationships[relationshipId].Requests;
        try
        {
            var request = await CallAsync($"Request {action} on relationship {relationshipId}", relationshipId,
                () => builder.PostAsync(new DelegatedAdminRelationshipRequest { Action = action }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return GraphModelMapper.ToInfo(relationshipId, request ?? new DelegatedAdminRelationshipRequest { Action = action, Status = DelegatedAdminRelationshipRequestStatus.Created });
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteBadRequest)
        {
            // Same idea as create: a retried request whose first response was lost finds the work already done.
            var current = await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
            var actionName = action == DelegatedAdminRelationshipRequestAction.LockForApproval ? "lockForApproval" : "terminate";
            if (current.Status == reached || (reached == RelationshipStatus.TerminationRequested && current.Status is RelationshipStatus.Terminating or RelationshipStatus.Terminated))
            {
                return new RelationshipRequestInfo("", relationshipId, actionName, "succeeded");
            }

            // A request starts "created" and the relationship moves afterwards (delegatedadminrelationship-post-requests):
            // one already being processed (or done since) is the same work.
            var requests = await CallAsync("List requests of relationship " + relationshipId, relationshipId,
                () => builder.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            var inFlight = (requests?.Value ?? new()).Select(q => GraphModelMapper.ToInfo(relationshipId, q))
                .FirstOrDefault(q => q.Action == actionName && q.Status != "failed"); // it may have finished since the read above
            if (inFlight is not null)
            {
                return inFlight;
            }

            throw;
        }
    }

    public async Task<DelegatedAdminRelationshipInfo> UpdateAutoExtendAsync(string relationshipId, TimeSpan autoExtendDuration, string etag, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        RequireId(etag, nameof(etag));
        var operation = "Update auto-extend of relationship " + relationshipId;
        var request = Relationships[relationshipId].ToPatchRequestInformation(
            new DelegatedAdminRelationship { AutoExtendDuration = autoExtendDuration }, config => config.Headers.Add("If-Match", etag));
        var answer = await SendRawAsync(request, operation, relationshipId, cancellationToken).ConfigureAwait(false);
        if (answer.Status == 202)
        {
            var followed = await FollowOperationAsync(relationshipId, answer, operation, cancellationToken).ConfigureAwait(false);
            if (followed.Status == RemoteOperationInfo.Failed) throw OperationFailed(followed, operation, relationshipId);
            var reread = await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
            return followed.IsFinished ? reread : reread with { PendingOperation = followed };
        }

        // The service may answer 204 without a body: read it back.
        return answer.HasBody
            ? Read(operation, relationshipId, () => GraphRelationshipPageReader.ReadOne(answer.Body.AsSpan()))
            : await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All pages (delegatedadminrelationship-list-accessassignments is paged: @odata.nextLink is followed).</summary>
    public async Task<IReadOnlyList<AccessAssignmentInfo>> ListAccessAssignmentsAsync(string relationshipId, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        var builder = Relationships[relationshipId].AccessAssignments;
        var operation = "List access assignments of " + relationshipId;
        var result = new List<AccessAssignmentInfo>();
        var request = builder.ToGetRequestInformation();
        for (var page = 1; ; page++)
        {
            var answer = await SendRawAsync(request, operation, relationshipId, cancellationToken).ConfigureAwait(false);
            if (!answer.HasBody) break;
            string? next = null;
            result.AddRange(Read(operation, relationshipId, () => GraphObjectReader.ReadAssignmentPage(answer.Body.AsSpan(), relationshipId, out next)));
            if (string.IsNullOrEmpty(next)) break;
            if (page >= MaxAssignmentPages)
            {
                throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData,
                    $"{operation}: the service kept answering with a next page after {MaxAssignmentPages} pages. Try again; if it persists, report it.", relationshipId);
            }

            request = builder.WithUrl(next!).ToGetRequestInformation();
        }

        return result;
    }

    /// <summary>A guard against a nextLink loop; far more assignments than a relationship can have.</summary>
    private const int MaxAssignmentPages = 1000;

    public async Task<AccessAssignmentInfo> CreateOrUpdateAccessAssignmentAsync(string relationshipId, AccessAssignmentSpec spec, string? etag = null, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        RequireId(spec.SecurityGroupId, nameof(spec.SecurityGroupId));

        var existing = FindAssignment(await ListAccessAssignmentsAsync(relationshipId, cancellationToken).ConfigureAwait(false), spec.SecurityGroupId);
        if (existing is not null)
        {
            return await UpdateAssignmentAsync(relationshipId, existing, spec, etag, cancellationToken).ConfigureAwait(false);
        }

        var builder = Relationships[relationshipId].AccessAssignments;
        var body = new DelegatedAdminAccessAssignment
        {
            AccessContainer = new DelegatedAdminAccessContainer { AccessContainerId = spec.SecurityGroupId, AccessContainerType = DelegatedAdminAccessContainerType.SecurityGroup },
            AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = GraphModelMapper.ToUnifiedRoles(spec.Roles) },
        };
        try
        {
            var created = await CallAsync($"Create access assignment for group {spec.SecurityGroupId}", relationshipId,
                () => builder.PostAsync(body, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return created is null
                ? FindAssignment(await ListAccessAssignmentsAsync(relationshipId, cancellationToken).ConfigureAwait(false), spec.SecurityGroupId) ?? throw NotFound(spec.SecurityGroupId)
                : GraphModelMapper.ToInfo(relationshipId, created);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId is ErrorIds.Remote.RemoteBadRequest or ErrorIds.Remote.RemoteConflict)
        {
            // A lost create that was retried: the group has its assignment now.
            var now = FindAssignment(await ListAccessAssignmentsAsync(relationshipId, cancellationToken).ConfigureAwait(false), spec.SecurityGroupId);
            if (now is not null && SameRoles(now.Roles, spec.Roles))
            {
                return now;
            }

            throw;
        }
    }

    private async Task<AccessAssignmentInfo> UpdateAssignmentAsync(string relationshipId, AccessAssignmentInfo existing, AccessAssignmentSpec spec, string? etag, CancellationToken cancellationToken)
    {
        if (SameRoles(existing.Roles, spec.Roles) && etag is null)
        {
            return existing; // Nothing to change.
        }

        try
        {
            return await PatchAssignmentAsync(relationshipId, existing, spec, etag ?? existing.ETag ?? await ReadAssignmentETagAsync(relationshipId, existing.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemotePreconditionFailed && etag is null)
        {
            // No version was asked for: the ETag was our own, from the list just read, and the service moved the
            // assignment on since (pending → active bumps it). Apply the roles to what is there now.
            var current = FindAssignment(await ListAccessAssignmentsAsync(relationshipId, cancellationToken).ConfigureAwait(false), spec.SecurityGroupId)
                ?? throw NotFound(spec.SecurityGroupId);
            return SameRoles(current.Roles, spec.Roles)
                ? current
                : await PatchAssignmentAsync(relationshipId, current, spec, current.ETag ?? await ReadAssignmentETagAsync(relationshipId, current.Id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// delegatedadminaccessassignment-update: typically 202 Accepted with body {}, Location (an operation) and
    /// Retry-After; 200 with the original object when nothing changes. A 202 is followed to its end (bounded by
    /// <see cref="OperationWaitLimit"/>) and the assignment read again; one still in progress comes back with its
    /// <see cref="AccessAssignmentInfo.Operation"/> not finished.
    /// </summary>
    private async Task<AccessAssignmentInfo> PatchAssignmentAsync(string relationshipId, AccessAssignmentInfo existing, AccessAssignmentSpec spec, string match, CancellationToken cancellationToken)
    {
        var builder = Relationships[relationshipId].AccessAssignments[existing.Id];
        var body = new DelegatedAdminAccessAssignment { AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = GraphModelMapper.ToUnifiedRoles(spec.Roles) } };
        var operation = $"Update access assignment {existing.Id}";
        var answer = await SendRawAsync(builder.ToPatchRequestInformation(body, config => config.Headers.Add("If-Match", match)), operation, existing.Id, cancellationToken).ConfigureAwait(false);
        RemoteOperationInfo? followed = null;
        if (answer.Status == 202)
        {
            followed = await FollowOperationAsync(relationshipId, answer, operation, cancellationToken).ConfigureAwait(false);
            if (followed.Status == RemoteOperationInfo.Failed) throw OperationFailed(followed, operation, existing.Id);
        }
        else if (answer.HasBody && Read(operation, existing.Id, () => GraphObjectReader.ReadAssignment(answer.Body.AsSpan(), relationshipId)) is { } returned)
        {
            return returned;
        }

        var read = await GetAssignmentAsync(relationshipId, existing.Id, cancellationToken).ConfigureAwait(false);
        return followed is null ? read : read with { Operation = followed };
    }

    private async Task<AccessAssignmentInfo> GetAssignmentAsync(string relationshipId, string assignmentId, CancellationToken cancellationToken)
    {
        var operation = $"Get access assignment {assignmentId}";
        var answer = await SendRawAsync(Relationships[relationshipId].AccessAssignments[assignmentId].ToGetRequestInformation(), operation, assignmentId, cancellationToken).ConfigureAwait(false);
        return (answer.HasBody ? Read(operation, assignmentId, () => GraphObjectReader.ReadAssignment(answer.Body.AsSpan(), relationshipId)) : null)
            ?? throw NotFound(assignmentId);
    }

    /// <summary>If-Match always carries an ETag the service gave (nothing documents "*").</summary>
    private async Task<string> ReadAssignmentETagAsync(string relationshipId, string assignmentId, CancellationToken cancellationToken)
        => (await GetAssignmentAsync(relationshipId, assignmentId, cancellationToken).ConfigureAwait(false)).ETag
           ?? throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData,
               $"The access assignment {assignmentId} came without an @odata.etag, which an update needs (If-Match). Try again later.", assignmentId);

    public async Task DeleteAccessAssignmentAsync(string relationshipId, string assignmentId, string etag, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        RequireId(assignmentId, nameof(assignmentId));
        RequireId(etag, nameof(etag));
        var builder = Relationships[relationshipId].AccessAssignments[assignmentId];
        await CallAsync<object>($"Delete access assignment {assignmentId}", assignmentId, async () =>
        {
            await builder.DeleteAsync(config => config.Headers.Add("If-Match", etag), cancellationToken).ConfigureAwait(false);
            return null;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// delegatedadminrelationship-update: removing Global Administrator from an active relationship answers 202 with
    /// an operation, and the relationship keeps the role until it succeeds. The operation is followed (bounded); the
    /// relationship is read again and, while the operation runs, carries it in <see cref="DelegatedAdminRelationshipInfo.PendingOperation"/>.
    /// </summary>
    public async Task<DelegatedAdminRelationshipInfo> RemoveGlobalAdministratorAsync(string relationshipId, string etag, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        RequireId(etag, nameof(etag));
        var current = await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
        var remaining = current.Roles.Where(r => !string.Equals(r, Roles.RoleCatalog.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)).ToList();
        var body = new DelegatedAdminRelationship { AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = GraphModelMapper.ToUnifiedRoles(remaining) } };
        var operation = "Remove Global Administrator from relationship " + relationshipId;
        var answer = await SendRawAsync(Relationships[relationshipId].ToPatchRequestInformation(body, config => config.Headers.Add("If-Match", etag)), operation, relationshipId, cancellationToken).ConfigureAwait(false);
        if (answer.Status != 202)
        {
            var now = answer.HasBody
                ? Read(operation, relationshipId, () => GraphRelationshipPageReader.ReadOne(answer.Body.AsSpan()))
                : await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);

            // 200 with the original object while Global Administrator is still there: a removal already under way
            // (an earlier run's operation) is reported as such, not as nothing happening.
            return now.Roles.Contains(Roles.RoleCatalog.GlobalAdministrator, StringComparer.OrdinalIgnoreCase)
                ? now with { PendingOperation = await UnfinishedOperationAsync(relationshipId, cancellationToken).ConfigureAwait(false) }
                : now;
        }

        var followed = await FollowOperationAsync(relationshipId, answer, operation, cancellationToken).ConfigureAwait(false);
        if (followed.Status == RemoteOperationInfo.Failed) throw OperationFailed(followed, operation, relationshipId);
        var reread = await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
        return followed.IsFinished ? reread : reread with { PendingOperation = followed };
    }

    /// <summary>A relationship's operation that has not finished (delegatedadminrelationship-list-operations), if any.</summary>
    private async Task<RemoteOperationInfo?> UnfinishedOperationAsync(string relationshipId, CancellationToken cancellationToken)
    {
        var page = await CallAsync("List operations of relationship " + relationshipId, relationshipId,
            () => Relationships[relationshipId].Operations.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        var open = (page?.Value ?? new()).FirstOrDefault(o => o.Status is LongRunningOperationStatus.NotStarted or LongRunningOperationStatus.Running);
        return open is null ? null : new RemoteOperationInfo
        {
            Id = open.Id ?? "",
            RelationshipId = relationshipId,
            OperationType = open.OperationType?.ToString(),
            Status = open.Status == LongRunningOperationStatus.Running ? RemoteOperationInfo.Running : RemoteOperationInfo.NotStarted,
            Data = open.Data,
            CreatedDateTime = open.CreatedDateTime,
            LastModifiedDateTime = open.LastModifiedDateTime,
        };
    }

    public async Task<bool> SecurityGroupExistsAsync(string groupId, CancellationToken cancellationToken = default)
    {
        RequireId(groupId, nameof(groupId));
        try
        {
            var group = await CallAsync("Get group " + groupId, groupId,
                () => _graph.Groups[groupId].GetAsync(config => config.QueryParameters.Select = new[] { "id" }, cancellationToken)).ConfigureAwait(false);
            return group is not null;
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<DelegatedAdminCustomerInfo> ListDelegatedAdminCustomersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _endpoints.EnsureGranularAdminAvailable();
        var builder = _graph.TenantRelationships.DelegatedAdminCustomers;
        var page = await CallAsync("List delegated admin customers", null, () => builder.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var item in page.Value ?? new()) yield return GraphModelMapper.ToInfo(item);
            var next = page.OdataNextLink;
            if (string.IsNullOrEmpty(next)) yield break;
            page = await CallAsync("List delegated admin customers", null, () => builder.WithUrl(next!).GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<ContractInfo> ListContractsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var builder = _graph.Contracts;
        var page = await CallAsync("List contracts", null, () => builder.GetAsync(config => config.QueryParameters.Top = MaxContractPageSize, cancellationToken)).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var item in page.Value ?? new()) yield return GraphModelMapper.ToInfo(item);
            var next = page.OdataNextLink;
            if (string.IsNullOrEmpty(next)) yield break;
            page = await CallAsync("List contracts", null, () => builder.WithUrl(next!).GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public void Dispose() => _httpClient.Dispose();

    private async Task<DelegatedAdminRelationshipInfo?> FindByDisplayNameAsync(string displayName, CancellationToken cancellationToken)
    {
        await foreach (var relationship in ListRelationshipsAsync(new RelationshipFilter { DisplayName = displayName }, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(relationship.DisplayName, displayName, StringComparison.Ordinal))
            {
                return relationship;
            }
        }

        return null;
    }

    /// <summary>"Ours and matching": same customer, roles, duration and auto-extend, and not yet past approval.</summary>
    internal static bool Matches(DelegatedAdminRelationshipInfo existing, RelationshipSpec spec)
        => existing.Status is RelationshipStatus.Created or RelationshipStatus.ApprovalPending
           && string.Equals(existing.CustomerTenantId ?? "", spec.CustomerTenantId ?? "", StringComparison.OrdinalIgnoreCase)
           && SameRoles(existing.Roles, spec.Roles)
           && existing.Duration == spec.Duration
           && existing.AutoExtendDuration == spec.AutoExtendDuration;

    private static bool SameRoles(IEnumerable<string> a, IEnumerable<string> b)
        => new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);

    private static AccessAssignmentInfo? FindAssignment(IEnumerable<AccessAssignmentInfo> assignments, string groupId)
        => assignments.FirstOrDefault(a => string.Equals(a.SecurityGroupId, groupId, StringComparison.OrdinalIgnoreCase) && a.Status is not ("deleted" or "deleting"));

    internal static string? BuildFilter(RelationshipFilter? filter)
    {
        if (filter is null) return null;
        var parts = new List<string>();
        if (filter.Status is { } status) parts.Add($"status eq '{GraphModelMapper.WireName(status)}'");
        if (!string.IsNullOrEmpty(filter.CustomerTenantId)) parts.Add($"customer/tenantId eq '{Quote(filter.CustomerTenantId!)}'");
        if (!string.IsNullOrEmpty(filter.DisplayName)) parts.Add($"displayName eq '{Quote(filter.DisplayName!)}'");
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string Quote(string value) => value.Replace("'", "''");

    private static void RequireId(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new PartnerRelationshipsException(ErrorIds.Remote.MissingId, ErrorKind.InvalidArgument, $"{name} is required.", name);
        }
    }

    private static PartnerRelationshipsException NotFound(string id)
        => new(ErrorIds.Remote.RemoteNotFound, ErrorKind.ObjectNotFound, $"'{id}' was not found. Check the id; it may have been removed.", id);

    /// <summary>Runs one SDK call and maps its errors; our own (from the pipeline) pass through.</summary>
    private static async Task<T?> CallAsync<T>(string operation, object? target, Func<Task<T?>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ODataError error)
        {
            throw RemoteErrors.FromStatus(error.ResponseStatusCode, operation, error.Error?.Code, error.Error?.Message ?? error.Message, target, error);
        }
        catch (ApiException error)
        {
            throw RemoteErrors.FromStatus(error.ResponseStatusCode, operation, null, error.Message, target, error);
        }
    }
}
