using System.Collections.Generic;

namespace PartnerRelationships.Core.Remote;

/// <summary>Grant a partner security group a set of roles in the customer tenant.</summary>
public sealed record AccessAssignmentSpec(string SecurityGroupId, IReadOnlyList<string> Roles);
