using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Workflow;

/// <summary>The real Graph GDAP client, except that reading one of <see cref="Broken"/> relationships fails as a 5xx would.</summary>
internal sealed class FailingLookupGraphGdap : IGraphGdapClient
{
    private readonly IGraphGdapClient _inner;

    public FailingLookupGraphGdap(IGraphGdapClient inner) => _inner = inner;

    public HashSet<string> Broken { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<DelegatedAdminRelationshipInfo> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken = default) =>
        Broken.Contains(relationshipId)
            ? throw new PartnerRelationshipsException("RemoteServiceError", ErrorKind.ConnectionError, "The service answered 503 three times.", relationshipId)
            : _inner.GetRelationshipAsync(relationshipId, cancellationToken);

    public IAsyncEnumerable<DelegatedAdminRelationshipInfo> ListRelationshipsAsync(RelationshipFilter? filter = null, CancellationToken cancellationToken = default) => _inner.ListRelationshipsAsync(filter, cancellationToken);
    public Task<DelegatedAdminRelationshipInfo> CreateRelationshipAsync(RelationshipSpec spec, CancellationToken cancellationToken = default) => _inner.CreateRelationshipAsync(spec, cancellationToken);
    public Task<RelationshipRequestInfo> LockForApprovalAsync(string relationshipId, CancellationToken cancellationToken = default) => _inner.LockForApprovalAsync(relationshipId, cancellationToken);
    public Task DeleteRelationshipAsync(string relationshipId, string etag, CancellationToken cancellationToken = default) => _inner.DeleteRelationshipAsync(relationshipId, etag, cancellationToken);
    public Task<RelationshipRequestInfo> TerminateAsync(string relationshipId, CancellationToken cancellationToken = default) => _inner.TerminateAsync(relationshipId, cancellationToken);
    public Task<DelegatedAdminRelationshipInfo> UpdateAutoExtendAsync(string relationshipId, TimeSpan autoExtendDuration, string etag, CancellationToken cancellationToken = default) => _inner.UpdateAutoExtendAsync(relationshipId, autoExtendDuration, etag, cancellationToken);
    public Task<IReadOnlyList<AccessAssignmentInfo>> ListAccessAssignmentsAsync(string relationshipId, CancellationToken cancellationToken = default) => _inner.ListAccessAssignmentsAsync(relationshipId, cancellationToken);
    public Task<AccessAssignmentInfo> CreateOrUpdateAccessAssignmentAsync(string relationshipId, AccessAssignmentSpec spec, string? etag = null, CancellationToken cancellationToken = default) => _inner.CreateOrUpdateAccessAssignmentAsync(relationshipId, spec, etag, cancellationToken);
    public IAsyncEnumerable<DelegatedAdminCustomerInfo> ListDelegatedAdminCustomersAsync(CancellationToken cancellationToken = default) => _inner.ListDelegatedAdminCustomersAsync(cancellationToken);
    public IAsyncEnumerable<ContractInfo> ListContractsAsync(CancellationToken cancellationToken = default) => _inner.ListContractsAsync(cancellationToken);
}
