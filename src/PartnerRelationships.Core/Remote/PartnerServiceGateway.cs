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
/// <see cref="IPartnerServiceGateway"/> over the Microsoft Graph v5 SDK, using our HttpClient: the SDK's default
/// middleware (redirects, compression, headers…) minus its RetryHandler, whose place our resilient handler takes.
/// </summary>
public sealed class PartnerServiceGateway : IPartnerServiceGateway, ISecurityGroupDirectory, IAccessAssignmentRemoval, IGlobalAdministratorRemoval, IDisposable
{
    private readonly GraphServiceClient _graph;
    private readonly HttpClient _httpClient;
    private readonly CloudEndpoints _endpoints;

    /// <summary>The largest $top delegatedAdminRelationships accepts (Graph v1.0 docs: "$top supports up to 300 objects").</summary>
    internal const int MaxRelationshipPageSize = 300;

    /// <summary>Contracts are directory objects, whose $top goes up to 999 (the default page is 100): fewer round trips.</summary>
    internal const int MaxContractPageSize = 999;

    /// <summary>What the SDK's generated requests use: any error status is parsed as an OData error.</summary>
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ODataErrorMapping = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    /// <param name="transport">The innermost handler (tests pass a fake server); null for the platform's default.</param>
    public PartnerServiceGateway(
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

        Handlers = BuildHandlers(new ResilientHttpHandler(pipeline, timeProvider, observer, limiter));
        _httpClient = GraphClientFactory.Create(Handlers, finalHandler: transport, disposeHandler: true);
        _httpClient.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // Our pipeline owns every timeout.
        _graph = new GraphServiceClient(_httpClient, new GraphTokenAuthenticationProvider(credential, endpoints.GraphScope), endpoints.Graph.ToString().TrimEnd('/'));
    }

    /// <summary>The middleware chain, outermost first (exposed so tests can prove the SDK retry handler is gone).</summary>
    internal IReadOnlyList<DelegatingHandler> Handlers { get; }

    private static List<DelegatingHandler> BuildHandlers(ResilientHttpHandler resilient)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers().ToList();
        var retryIndex = handlers.FindIndex(h => h is RetryHandler);
        handlers.RemoveAll(h => h is RetryHandler);
        handlers.Insert(retryIndex < 0 ? 0 : retryIndex, resilient);
        return handlers;
    }

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
        var body = await CallAsync(operation, null, async () =>
        {
            using var stream = await _graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ODataErrorMapping, cancellationToken).ConfigureAwait(false);
            return stream is null ? (ArraySegment<byte>?)null : await ResponseBody.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (body is null || Utf8JsonReading.IsBlank(body.Value.AsSpan()))
        {
            return (new List<DelegatedAdminRelationshipInfo>(), null); // No content: an empty collection, as the SDK read it.
        }

        try
        {
            var items = GraphRelationshipPageReader.Read(body.Value.AsSpan(), out var nextLink);
            return (items, nextLink);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            throw new PartnerRelationshipsException("RemoteInvalidResponse", ErrorKind.InvalidData, $"{operation}: Microsoft Graph answered with a page that is not the expected JSON ({ex.Message}). Try again; if it persists, the service changed its format.", null, ex);
        }
    }

    public async Task<DelegatedAdminRelationshipInfo> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        var relationship = await CallAsync("Get relationship " + relationshipId, relationshipId,
            () => Relationships[relationshipId].GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        return GraphModelMapper.ToInfo(relationship ?? throw NotFound(relationshipId));
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
        try
        {
            var created = await CallAsync("Create relationship '" + spec.DisplayName + "'", spec.DisplayName,
                () => builder.PostAsync(body, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return GraphModelMapper.ToInfo(created ?? throw new PartnerRelationshipsException("RemoteEmptyResponse", ErrorKind.InvalidData, "The service accepted the relationship but returned nothing; list relationships to find it.", spec.DisplayName));
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemoteBadRequest" && LooksLikeNameTaken(ServiceMessage(ex)))
        {
            // A retried create whose first response was lost lands here: return what the first attempt made.
            var existing = await FindByDisplayNameAsync(spec.DisplayName, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw; // The 400 was about something else after all.
            }

            if (Matches(existing, spec))
            {
                return existing;
            }

            throw new PartnerRelationshipsException(
                "RelationshipNameTaken",
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
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemoteBadRequest")
        {
            // Same idea as create: a retried request whose first response was lost finds the work already done.
            var current = await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
            if (current.Status == reached || (reached == RelationshipStatus.TerminationRequested && current.Status is RelationshipStatus.Terminating or RelationshipStatus.Terminated))
            {
                var actionName = action == DelegatedAdminRelationshipRequestAction.LockForApproval ? "lockForApproval" : "terminate";
                return new RelationshipRequestInfo("", relationshipId, actionName, "succeeded");
            }

            throw;
        }
    }

    public async Task<DelegatedAdminRelationshipInfo> UpdateAutoExtendAsync(string relationshipId, TimeSpan autoExtendDuration, string etag, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        RequireId(etag, nameof(etag));
        var builder = Relationships[relationshipId];
        var updated = await CallAsync("Update auto-extend of relationship " + relationshipId, relationshipId,
            () => builder.PatchAsync(new DelegatedAdminRelationship { AutoExtendDuration = autoExtendDuration }, config => config.Headers.Add("If-Match", etag), cancellationToken)).ConfigureAwait(false);

        // The service may answer 204 without a body: read it back.
        return updated is null ? await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false) : GraphModelMapper.ToInfo(updated);
    }

    public async Task<IReadOnlyList<AccessAssignmentInfo>> ListAccessAssignmentsAsync(string relationshipId, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        var builder = Relationships[relationshipId].AccessAssignments;
        var result = new List<AccessAssignmentInfo>();
        var page = await CallAsync("List access assignments of " + relationshipId, relationshipId, () => builder.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        while (page is not null)
        {
            result.AddRange((page.Value ?? new()).Select(a => GraphModelMapper.ToInfo(relationshipId, a)));
            var next = page.OdataNextLink;
            if (string.IsNullOrEmpty(next)) break;
            page = await CallAsync("List access assignments of " + relationshipId, relationshipId, () => builder.WithUrl(next!).GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return result;
    }

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
        catch (PartnerRelationshipsException ex) when (ex.ErrorId is "RemoteBadRequest" or "RemoteConflict")
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
            return await PatchAssignmentAsync(relationshipId, existing, spec, etag ?? existing.ETag ?? "*", cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemotePreconditionFailed" && etag is null)
        {
            // No version was asked for: the ETag was our own, from the list just read, and the service moved the
            // assignment on since (pending → active bumps it). Apply the roles to what is there now.
            var current = FindAssignment(await ListAccessAssignmentsAsync(relationshipId, cancellationToken).ConfigureAwait(false), spec.SecurityGroupId)
                ?? throw NotFound(spec.SecurityGroupId);
            return SameRoles(current.Roles, spec.Roles)
                ? current
                : await PatchAssignmentAsync(relationshipId, current, spec, current.ETag ?? "*", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AccessAssignmentInfo> PatchAssignmentAsync(string relationshipId, AccessAssignmentInfo existing, AccessAssignmentSpec spec, string match, CancellationToken cancellationToken)
    {
        var builder = Relationships[relationshipId].AccessAssignments[existing.Id];
        var body = new DelegatedAdminAccessAssignment { AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = GraphModelMapper.ToUnifiedRoles(spec.Roles) } };
        var updated = await CallAsync($"Update access assignment {existing.Id}", existing.Id,
            () => builder.PatchAsync(body, config => config.Headers.Add("If-Match", match), cancellationToken)).ConfigureAwait(false);
        if (updated is not null)
        {
            return GraphModelMapper.ToInfo(relationshipId, updated);
        }

        var read = await CallAsync($"Get access assignment {existing.Id}", existing.Id, () => builder.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        return GraphModelMapper.ToInfo(relationshipId, read ?? throw NotFound(existing.Id));
    }

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

    public async Task<DelegatedAdminRelationshipInfo> RemoveGlobalAdministratorAsync(string relationshipId, string etag, CancellationToken cancellationToken = default)
    {
        RequireId(relationshipId, nameof(relationshipId));
        RequireId(etag, nameof(etag));
        var current = await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false);
        var remaining = current.Roles.Where(r => !string.Equals(r, Roles.RoleCatalog.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)).ToList();
        var builder = Relationships[relationshipId];
        var body = new DelegatedAdminRelationship { AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = GraphModelMapper.ToUnifiedRoles(remaining) } };
        var updated = await CallAsync("Remove Global Administrator from relationship " + relationshipId, relationshipId,
            () => builder.PatchAsync(body, config => config.Headers.Add("If-Match", etag), cancellationToken)).ConfigureAwait(false);
        return updated is null ? await GetRelationshipAsync(relationshipId, cancellationToken).ConfigureAwait(false) : GraphModelMapper.ToInfo(updated);
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
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemoteNotFound")
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

    /// <summary>The service's own words (not our wrapping, which quotes the display name and could match by accident).</summary>
    private static string ServiceMessage(PartnerRelationshipsException ex)
        => ex.InnerException is ODataError odata ? $"{odata.Error?.Code} {odata.Error?.Message}" : ex.InnerException?.Message ?? "";

    private static bool LooksLikeNameTaken(string message)
    {
        var m = message.ToLowerInvariant();
        return m.Contains("already exist") || m.Contains("duplicate") || m.Contains("unique") || (m.Contains("displayname") && m.Contains("exist"));
    }

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
            throw new PartnerRelationshipsException("MissingId", ErrorKind.InvalidArgument, $"{name} is required.", name);
        }
    }

    private static PartnerRelationshipsException NotFound(string id)
        => new("RemoteNotFound", ErrorKind.ObjectNotFound, $"'{id}' was not found. Check the id; it may have been removed.", id);

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
