using System.Collections.Generic;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>The rules a run uses unless told otherwise, in id order.</summary>
public static class BuiltInRules
{
    public static IReadOnlyList<IComplianceRule> All { get; } = new IComplianceRule[]
    {
        new PendingInviteTooLongRule(),
        new RelationshipExpiringWithoutAutoExtendRule(),
        new AdminPermissionsRemovedRule(),
        new OverPrivilegedRelationshipRule(),
        new RelationshipWithoutAccessAssignmentRule(),
        new AccessAssignmentInErrorRule(),
        new RelationshipUnknownToStoreRule(),
        new StoreContradictsServiceRule(),
        new OverlappingActiveRelationshipsRule(),
    };
}
