using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Microsoft Graph calls for granular delegated admin, in our own model types (Graph and Kiota types never leave
/// Core/Remote). Every call goes through the shared resilience pipeline. Errors are PartnerRelationshipsExceptions.
/// </summary>
public interface IGraphGdapClient
{
    /// <summary>Streams page by page: the first items arrive before the next page is requested.</summary>
    IAsyncEnumerable<DelegatedAdminRelationshipInfo> ListRelationshipsAsync(RelationshipFilter? filter = null, CancellationToken cancellationToken = default);

    Task<DelegatedAdminRelationshipInfo> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Idempotent: when the service says the display name is taken (e.g. a retried create whose first response was
    /// lost), returns the existing relationship if it matches the spec; otherwise fails with RelationshipNameTaken.
    /// </summary>
    Task<DelegatedAdminRelationshipInfo> CreateRelationshipAsync(RelationshipSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Moves a created relationship to approvalPending so the customer can approve it.</summary>
    Task<RelationshipRequestInfo> LockForApprovalAsync(string relationshipId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a relationship still in created status (the service refuses any other).</summary>
    /// <param name="etag">From the relationship as read; a stale one fails with RemotePreconditionFailed.</param>
    Task DeleteRelationshipAsync(string relationshipId, string etag, CancellationToken cancellationToken = default);

    Task<RelationshipRequestInfo> TerminateAsync(string relationshipId, CancellationToken cancellationToken = default);

    /// <param name="autoExtendDuration">Zero for none, or 180 days.</param>
    /// <param name="etag">From the relationship as read; a stale one fails with RemotePreconditionFailed.</param>
    Task<DelegatedAdminRelationshipInfo> UpdateAutoExtendAsync(string relationshipId, TimeSpan autoExtendDuration, string etag, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AccessAssignmentInfo>> ListAccessAssignmentsAsync(string relationshipId, CancellationToken cancellationToken = default);

    /// <summary>Creates the group's assignment, or updates its roles when the group already has one.</summary>
    /// <param name="etag">For an update; null uses the ETag of the assignment as just read.</param>
    Task<AccessAssignmentInfo> CreateOrUpdateAccessAssignmentAsync(string relationshipId, AccessAssignmentSpec spec, string? etag = null, CancellationToken cancellationToken = default);

    IAsyncEnumerable<DelegatedAdminCustomerInfo> ListDelegatedAdminCustomersAsync(CancellationToken cancellationToken = default);

    /// <summary>The partner's reseller (DAP-era) customers. Streams page by page.</summary>
    IAsyncEnumerable<ContractInfo> ListContractsAsync(CancellationToken cancellationToken = default);
}
