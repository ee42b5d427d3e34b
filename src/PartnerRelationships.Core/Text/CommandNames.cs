namespace PartnerRelationships.Core.Text;

/// <summary>
/// The module's cmdlet names, for Core's messages that tell the user what to run next (Core has no PowerShell types,
/// so it cannot ask the cmdlets). Renaming a cmdlet is one edit here; a Pester test checks each is an exported command.
/// </summary>
public static class CommandNames
{
    public const string CompareAdminPermission = "Compare-AdminPermission";
    public const string ConnectPartnerRelationship = "Connect-PartnerRelationship";
    public const string CopyPartnerRelationshipStore = "Copy-PartnerRelationshipStore";
    public const string DisconnectPartnerRelationship = "Disconnect-PartnerRelationship";
    public const string GetAdminPermission = "Get-AdminPermission";
    public const string GetCustomerSubscription = "Get-CustomerSubscription";
    public const string GetCustomerSupportContact = "Get-CustomerSupportContact";
    public const string GetPartnerCustomer = "Get-PartnerCustomer";
    public const string GetPartnerRelationshipConfig = "Get-PartnerRelationshipConfig";
    public const string GetPartnerRelationshipConnection = "Get-PartnerRelationshipConnection";
    public const string GetResellerInvite = "Get-ResellerInvite";
    public const string ImportPartnerRelationship = "Import-PartnerRelationship";
    public const string InvokeAdminPermissionPlan = "Invoke-AdminPermissionPlan";
    public const string NewPartnerRelationshipConfig = "New-PartnerRelationshipConfig";
    public const string NewPartnerRelationshipRefreshToken = "New-PartnerRelationshipRefreshToken";
    public const string NewResellerInvite = "New-ResellerInvite";
    public const string RemoveCustomerRelationship = "Remove-CustomerRelationship";
    public const string RemoveResellerInvite = "Remove-ResellerInvite";
    public const string SetAdminPermission = "Set-AdminPermission";
    public const string SetCustomerSupportContact = "Set-CustomerSupportContact";
    public const string SetGranularRelationship = "Set-GranularRelationship";
    public const string SyncResellerInvite = "Sync-ResellerInvite";
    public const string TestPartnerCompliance = "Test-PartnerCompliance";
    public const string TestPartnerRelationshipConnection = "Test-PartnerRelationshipConnection";
    public const string WaitResellerInvite = "Wait-ResellerInvite";
}
