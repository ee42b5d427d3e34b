namespace PartnerRelationships.Core.Templates;

/// <summary>Stable error ids of access templates: configuration mistakes, and using templates.</summary>
public static class TemplateErrorIds
{
    public const string TemplateNameInvalid = nameof(TemplateNameInvalid);
    public const string TemplateDuplicateName = nameof(TemplateDuplicateName);
    public const string TemplateRoleUnknown = nameof(TemplateRoleUnknown);
    public const string TemplateNoRoles = nameof(TemplateNoRoles);
    public const string TemplateGroupIdInvalid = nameof(TemplateGroupIdInvalid);
    public const string TemplateDuplicateGroup = nameof(TemplateDuplicateGroup);
    public const string TemplateGroupNoRoles = nameof(TemplateGroupNoRoles);
    public const string TemplateGroupRoleNotRequested = nameof(TemplateGroupRoleNotRequested);
    public const string TemplateGlobalAdminAutoExtend = nameof(TemplateGlobalAdminAutoExtend);
    public const string TemplateNotFound = nameof(TemplateNotFound);
    public const string TemplateConflictsWithRoles = nameof(TemplateConflictsWithRoles);
    public const string TemplateItemNotApplicable = nameof(TemplateItemNotApplicable);
    public const string TemplateGroupLookupUnavailable = nameof(TemplateGroupLookupUnavailable);
    public const string GlobalAdministratorNeedsNewRelationship = nameof(GlobalAdministratorNeedsNewRelationship);
    public const string InviteWaitTimeout = nameof(InviteWaitTimeout);
    public const string InviteWaitEnded = nameof(InviteWaitEnded);
}
