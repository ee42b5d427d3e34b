namespace PartnerRelationships.Core.Errors;

/// <summary>
/// Every error id the module can raise, in one place. Ids are public contract: scripts match
/// <c>$_.FullyQualifiedErrorId</c> on them, so a value never changes once shipped. Each id is documented for users in
/// module/en-US/about_PartnerRelationships_Errors.help.txt (a test fails on an undocumented id, and on an id written as
/// a string literal anywhere else in the sources).
/// </summary>
public static class ErrorIds
{
    /// <summary>The configuration file: finding, reading, parsing, validating and writing it.</summary>
    public static class Config
    {
        public const string NotFound = "ConfigNotFound";
        public const string FileNotFound = "ConfigFileNotFound";
        public const string FileUnreadable = "ConfigFileUnreadable";
        public const string FileExists = "ConfigFileExists";
        public const string PathNotWritable = "ConfigPathNotWritable";
        public const string SyntaxError = "ConfigSyntaxError";
        public const string UnknownKey = "ConfigUnknownKey";
        public const string InvalidValue = "ConfigInvalidValue";
        public const string MissingValue = "ConfigMissingValue";
        public const string SecretInFile = "ConfigSecretInFile";
        public const string InsecureEndpoint = "ConfigInsecureEndpoint";
        public const string AliasCycle = "ConfigAliasCycle";
        public const string AliasExpansion = "ConfigAliasExpansion";
    }

    /// <summary>Composing reseller invites: customer input, invite templates and draft files.</summary>
    public static class Invite
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
        public const string InviteOutFileNotFolder = nameof(InviteOutFileNotFolder);
        public const string InviteFileNotWritable = nameof(InviteFileNotWritable);
        public const string InviteFileNotRegular = nameof(InviteFileNotRegular);
        public const string InviteAlreadyExists = nameof(InviteAlreadyExists);
        public const string GranularOnlyParameter = nameof(GranularOnlyParameter);
        public const string PendingForWithoutPendingStatus = nameof(PendingForWithoutPendingStatus);
        public const string InviteWaitIntervalInvalid = nameof(InviteWaitIntervalInvalid);
    }

    /// <summary>Access templates: configuration mistakes, planning with them, and waiting for approval.</summary>
    public static class Template
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
        public const string GlobalAdministratorNeedsNewRelationship = nameof(GlobalAdministratorNeedsNewRelationship);
        public const string InviteWaitTimeout = nameof(InviteWaitTimeout);
        public const string InviteWaitEnded = nameof(InviteWaitEnded);
    }

    /// <summary>Resolving Microsoft Entra role names and ids.</summary>
    public static class Role
    {
        public const string UnknownRole = nameof(UnknownRole);
        public const string NoRolesGiven = nameof(NoRolesGiven);
    }

    /// <summary>The relationship workflows: invites, relationships, admin permissions, removal, support contacts.</summary>
    public static class Workflow
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
        public const string InvalidSecurityGroupId = nameof(InvalidSecurityGroupId);
        public const string AdminPermissionTargetMissing = nameof(AdminPermissionTargetMissing);
        public const string ActiveSubscriptionsBlockRemoval = nameof(ActiveSubscriptionsBlockRemoval);
        public const string NothingToRemove = nameof(NothingToRemove);
        public const string InvalidSupportContact = nameof(InvalidSupportContact);
        public const string SubscriptionNotFound = nameof(SubscriptionNotFound);
        public const string SupportContactNotSupported = nameof(SupportContactNotSupported);
        public const string IndirectResellerNotFound = nameof(IndirectResellerNotFound);
        public const string CustomerNotFound = nameof(CustomerNotFound);
        public const string GranularRelationshipNoChange = nameof(GranularRelationshipNoChange);
        public const string AdoptionNotSupported = nameof(AdoptionNotSupported);

        /// <summary>The relationship was created and recorded with its invite, but locking it for approval failed: Sync (or a re-run) finishes it.</summary>
        public const string GranularInviteNotLocked = nameof(GranularInviteNotLocked);
    }

    /// <summary>Calls to Microsoft Graph and Partner Center: endpoints, answers, and failures after retries.</summary>
    public static class Remote
    {
        public const string NotConnected = nameof(NotConnected);
        public const string UnknownCloud = nameof(UnknownCloud);
        public const string InvalidSandboxUri = nameof(InvalidSandboxUri);
        public const string NotAvailableInCloud = nameof(NotAvailableInCloud);
        public const string InvalidRetrySettings = nameof(InvalidRetrySettings);
        public const string AppUserSignInRequired = nameof(AppUserSignInRequired);
        public const string MissingId = nameof(MissingId);
        public const string InvalidPageSize = nameof(InvalidPageSize);
        public const string RelationshipNameTaken = nameof(RelationshipNameTaken);
        public const string RemoteBadRequest = nameof(RemoteBadRequest);
        public const string RemoteUnauthorized = nameof(RemoteUnauthorized);
        public const string RemoteForbidden = nameof(RemoteForbidden);
        public const string RemoteNotFound = nameof(RemoteNotFound);
        public const string RemoteConflict = nameof(RemoteConflict);
        public const string RemotePreconditionFailed = nameof(RemotePreconditionFailed);
        public const string RemoteThrottled = nameof(RemoteThrottled);
        public const string RemoteServiceError = nameof(RemoteServiceError);
        public const string RemoteError = nameof(RemoteError);
        public const string RemoteInvalidResponse = nameof(RemoteInvalidResponse);
        public const string RemoteEmptyResponse = nameof(RemoteEmptyResponse);
        public const string RemoteOperationFailed = nameof(RemoteOperationFailed);
        public const string RemoteTimeout = nameof(RemoteTimeout);
        public const string RemoteConnectionFailed = nameof(RemoteConnectionFailed);
        public const string ServiceUnavailable = nameof(ServiceUnavailable);
    }

    /// <summary>Signing in: credentials, tokens, consent, certificates and the secrets they come from.</summary>
    public static class SignIn
    {
        public const string AuthenticationFailed = nameof(AuthenticationFailed);
        public const string SignInEndpointUnreachable = nameof(SignInEndpointUnreachable);
        public const string SignInEndpointUnavailable = nameof(SignInEndpointUnavailable);
        public const string CredentialUnavailable = nameof(CredentialUnavailable);
        public const string UnknownAuthMode = nameof(UnknownAuthMode);
        public const string MissingAccessToken = nameof(MissingAccessToken);
        public const string MissingRefreshToken = nameof(MissingRefreshToken);
        public const string MissingClientSecret = nameof(MissingClientSecret);
        public const string MissingClientId = nameof(MissingClientId);
        public const string MissingTenantId = nameof(MissingTenantId);
        public const string MissingCertificate = nameof(MissingCertificate);
        public const string MissingRefreshTokenVault = nameof(MissingRefreshTokenVault);
        public const string MissingRefreshTokenName = nameof(MissingRefreshTokenName);
        public const string AccessTokenExpired = nameof(AccessTokenExpired);
        public const string RefreshTokenExpired = nameof(RefreshTokenExpired);
        public const string ConsentFailed = nameof(ConsentFailed);
        public const string ConsentDeclined = nameof(ConsentDeclined);
        public const string ConsentExpired = nameof(ConsentExpired);
        public const string DeviceCodeNeedsHost = nameof(DeviceCodeNeedsHost);
        public const string CertificateNotFound = nameof(CertificateNotFound);
        public const string CertificateUnreadable = nameof(CertificateUnreadable);
        public const string SandboxAuthNotSupported = nameof(SandboxAuthNotSupported);
        public const string SandboxCertificateUnreadable = nameof(SandboxCertificateUnreadable);
        public const string SecretNotFound = nameof(SecretNotFound);
        public const string SecretNotSaved = nameof(SecretNotSaved);
        public const string SecretManagementNotAvailable = nameof(SecretManagementNotAvailable);
    }

    /// <summary>The invite store (SQLite file or PostgreSQL server) and copying between stores.</summary>
    public static class Store
    {
        public const string StoreProviderNotAvailable = nameof(StoreProviderNotAvailable);
        public const string StorePathInvalid = nameof(StorePathInvalid);
        public const string StorePathNotWritable = nameof(StorePathNotWritable);
        public const string StoreFileInvalid = nameof(StoreFileInvalid);
        public const string StoreFileForeign = nameof(StoreFileForeign);
        public const string StoreDamaged = nameof(StoreDamaged);
        public const string StoreSchemaTooNew = nameof(StoreSchemaTooNew);
        public const string StoreBusy = nameof(StoreBusy);
        public const string StoreConnectionStringMissing = nameof(StoreConnectionStringMissing);
        public const string StoreConnectionStringInvalid = nameof(StoreConnectionStringInvalid);
        public const string StoreSecretVaultUnavailable = nameof(StoreSecretVaultUnavailable);
        public const string StoreAuthenticationFailed = nameof(StoreAuthenticationFailed);
        public const string StorePermissionDenied = nameof(StorePermissionDenied);
        public const string StoreUnavailable = nameof(StoreUnavailable);
        public const string StoreWriteFailed = nameof(StoreWriteFailed);
        public const string StoreCopySourceNotFound = nameof(StoreCopySourceNotFound);
        public const string StoreCopySameStore = nameof(StoreCopySameStore);
        public const string StoreCopyNotSupported = nameof(StoreCopyNotSupported);
        public const string StoreCopyDestinationNotEmpty = nameof(StoreCopyDestinationNotEmpty);
        public const string SqliteNativeLibraryMissing = nameof(SqliteNativeLibraryMissing);
    }

    /// <summary>Compliance checks, their reports and alerts.</summary>
    public static class Compliance
    {
        public const string ComplianceCheckFailed = nameof(ComplianceCheckFailed);
        public const string UnknownComplianceRule = nameof(UnknownComplianceRule);
        public const string UnknownForbiddenRole = nameof(UnknownForbiddenRole);
        public const string UnknownReportFormat = nameof(UnknownReportFormat);
        public const string ReportPathRequired = nameof(ReportPathRequired);
        public const string InvalidReportPath = nameof(InvalidReportPath);
        public const string ReportWriteFailed = nameof(ReportWriteFailed);
        public const string AlertWebhookMissing = nameof(AlertWebhookMissing);
        public const string AlertWebhookInvalid = nameof(AlertWebhookInvalid);
        public const string AlertSecretVaultUnavailable = nameof(AlertSecretVaultUnavailable);
        public const string ComplianceAlertFailed = nameof(ComplianceAlertFailed);
    }

    /// <summary>Raised by the PowerShell layer for failures that are not Core's: files, the clipboard, the module itself.</summary>
    public static class Module
    {
        public const string AccessDenied = nameof(AccessDenied);
        public const string FileOperationFailed = nameof(FileOperationFailed);
        public const string ClipboardUnavailable = nameof(ClipboardUnavailable);
        public const string DependencyLoadFailed = nameof(DependencyLoadFailed);
        public const string UnexpectedError = nameof(UnexpectedError);
    }
}
