using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// An optional Graph GDAP client capability (kept off <see cref="IGraphGdapClient"/> so its other implementations keep
/// compiling): whether a security group of the partner tenant still exists. Needs Graph Group.Read.All or similar.
/// </summary>
public interface ISecurityGroupDirectory
{
    /// <summary>False when Graph answers that the group does not exist; other failures throw.</summary>
    Task<bool> SecurityGroupExistsAsync(string groupId, CancellationToken cancellationToken = default);
}
