using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// An optional Graph GDAP client capability: dropping the Global Administrator role from a relationship. Graph allows it on an
/// active relationship (the only role change it allows after approval; a long-running operation) and on a created one.
/// </summary>
public interface IGlobalAdministratorRemoval
{
    /// <param name="etag">The relationship's ETag as read; a stale one fails with RemotePreconditionFailed.</param>
    Task<DelegatedAdminRelationshipInfo> RemoveGlobalAdministratorAsync(string relationshipId, string etag, CancellationToken cancellationToken = default);
}
