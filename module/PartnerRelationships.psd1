@{
    RootModule           = 'PartnerRelationships.dll'
    # Loaded before the root module: it registers the private load context the cmdlet assembly's types need.
    NestedModules        = @('PartnerRelationships.Loader.dll')
    # Stamped from Directory.Build.props by build.ps1.
    ModuleVersion        = '0.0.0-dev'
    GUID                 = '5a3d8e0c-7f4b-4f5e-9b7a-2c6d1e8f4a90'
    Author               = 'PartnerRelationships contributors'
    CompanyName          = 'PartnerRelationships'
    Copyright            = '(c) PartnerRelationships contributors. All rights reserved.'
    Description          = 'Manage Microsoft cloud partner-customer relationships: write reseller and granular delegated admin (GDAP) invites, track acceptance in a store, set admin permissions, check compliance and end relationships cleanly.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('PartnerRelationships.Format.ps1xml')
    CmdletsToExport      = @(
        'New-PartnerRelationshipConfig'
        'Get-PartnerRelationshipConfig'
        'New-ResellerInvite'
        'Get-ResellerInvite'
        'Connect-PartnerRelationship'
        'Disconnect-PartnerRelationship'
        'Get-PartnerRelationshipConnection'
        'Test-PartnerRelationshipConnection'
        'Copy-PartnerRelationshipStore'
        'Get-PartnerCustomer'
        'Get-AdminPermission'
        'Set-AdminPermission'
        'Remove-CustomerRelationship'
        'Get-CustomerSubscription'
        'Get-CustomerSupportContact'
        'Set-CustomerSupportContact'
        'Test-PartnerCompliance'
        'Sync-ResellerInvite'
        'Remove-ResellerInvite'
        'Compare-AdminPermission'
        'Invoke-AdminPermissionPlan'
        'Set-GranularRelationship'
        'Wait-ResellerInvite'
        'New-PartnerRelationshipRefreshToken'
        'Import-PartnerRelationship'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Partner', 'CSP', 'GDAP', 'DelegatedAdmin', 'MicrosoftGraph', 'PartnerCenter', 'Reseller')
        }
    }
}
