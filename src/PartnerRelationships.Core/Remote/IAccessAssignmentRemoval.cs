using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote;

/// <summary>An optional Graph GDAP client capability: deleting a group's access assignment on a relationship.</summary>
public interface IAccessAssignmentRemoval
{
    /// <param name="etag">The assignment's ETag as read; a stale one fails with RemotePreconditionFailed.</param>
    Task DeleteAccessAssignmentAsync(string relationshipId, string assignmentId, string etag, CancellationToken cancellationToken = default);
}
