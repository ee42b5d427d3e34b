namespace PartnerRelationships.Core.Workflow;

/// <summary>Stable error ids of the workflow services; scripts and tests match on them.</summary>
public static class WorkflowErrorIds
{
    public const string InvalidRelationshipDisplayName = nameof(InvalidRelationshipDisplayName);
    public const string RelationshipDisplayNameInUse = nameof(RelationshipDisplayNameInUse);
    public const string InvalidRelationshipDuration = nameof(InvalidRelationshipDuration);
    public const string AutoExtendWithGlobalAdministrator = nameof(AutoExtendWithGlobalAdministrator);
    public const string InviteNotFound = nameof(InviteNotFound);
    public const string InviteNotPending = nameof(InviteNotPending);
    public const string InviteAlreadyAccepted = nameof(InviteAlreadyAccepted);
    public const string RelationshipNotActive = nameof(RelationshipNotActive);
    public const string RoleNotInRelationship = nameof(RoleNotInRelationship);
    public const string NoActiveRelationship = nameof(NoActiveRelationship);
    public const string InvalidSecurityGroupId = nameof(InvalidSecurityGroupId);
    public const string AdminPermissionTargetMissing = nameof(AdminPermissionTargetMissing);
    public const string ActiveSubscriptionsBlockRemoval = nameof(ActiveSubscriptionsBlockRemoval);
    public const string NothingToRemove = nameof(NothingToRemove);
    public const string InvalidSupportContact = nameof(InvalidSupportContact);
    public const string SubscriptionNotFound = nameof(SubscriptionNotFound);
    public const string SupportContactNotSupported = nameof(SupportContactNotSupported);
    public const string IndirectResellerNotFound = nameof(IndirectResellerNotFound);
    public const string InvalidCustomerTenantId = nameof(InvalidCustomerTenantId);

    /// <summary>The relationship was created and recorded with its invite, but locking it for approval failed: Sync (or a re-run) finishes it.</summary>
    public const string GranularInviteNotLocked = nameof(GranularInviteNotLocked);
}
