namespace PartnerRelationships.Core.Compliance;

/// <summary>Stable rule ids: scripts, config (<c>compliance.disabledRules</c>) and recorded runs refer to them.</summary>
public static class ComplianceRuleIds
{
    public const string PendingInviteTooLong = "PR001";
    public const string RelationshipExpiringWithoutAutoExtend = "PR002";
    public const string AdminPermissionsRemoved = "PR003";
    public const string OverPrivilegedRelationship = "PR004";
    public const string RelationshipWithoutAccessAssignment = "PR005";
    public const string AccessAssignmentInError = "PR006";
    public const string RelationshipUnknownToStore = "PR007";
    public const string StoreContradictsService = "PR008";
    public const string OverlappingActiveRelationships = "PR009";
}
