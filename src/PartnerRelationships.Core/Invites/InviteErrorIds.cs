namespace PartnerRelationships.Core.Invites;

/// <summary>The stable error ids the invite composer throws; scripts and tests match on them.</summary>
public static class InviteErrorIds
{
    public const string PartnerIdMissing = nameof(PartnerIdMissing);
    public const string ServiceLinkInvalid = nameof(ServiceLinkInvalid);
    public const string InvalidCustomerName = nameof(InvalidCustomerName);
    public const string InvalidCustomerEmail = nameof(InvalidCustomerEmail);
    public const string InvalidCustomerTenantId = nameof(InvalidCustomerTenantId);
    public const string InputTooLong = nameof(InputTooLong);
    public const string HeaderInjection = nameof(HeaderInjection);
    public const string InviteTemplateUnknownPlaceholder = nameof(InviteTemplateUnknownPlaceholder);
    public const string InviteTemplateMissingLink = nameof(InviteTemplateMissingLink);
    public const string InviteTemplateNotFound = nameof(InviteTemplateNotFound);
    public const string InviteTemplateInvalid = nameof(InviteTemplateInvalid);
    public const string InviteTemplateUnreadable = nameof(InviteTemplateUnreadable);
    public const string InviteFileExists = nameof(InviteFileExists);
    public const string InviteFolderNotFound = nameof(InviteFolderNotFound);
    public const string InviteFileNotWritable = nameof(InviteFileNotWritable);
    public const string InviteFileNotRegular = nameof(InviteFileNotRegular);
}
