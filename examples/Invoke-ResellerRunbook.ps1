<#
.SYNOPSIS
    A runbook for the Partner Center calls that need a signed-in partner user: reseller invites with Partner Center's
    link, support contacts, and ending reseller relationships.
.DESCRIPTION
    Partner Center documents these calls for App+User credentials only; an app-only sign-in (client secret,
    certificate, managed identity) is refused there. A runbook gets App+User without a person through Microsoft's
    Secure Application Model:

    1. Once, interactively, a partner admin (admin agent) runs
           New-PartnerRelationshipRefreshToken -ConfigPath <config> -RefreshTokenVault <vault> -RefreshTokenName <name>
       which signs them in (device code, MFA included) and stores the refresh token in a SecretManagement vault.
    2. The configuration says auth.mode RefreshToken with that vault and name (never the token itself). Each run
       exchanges the token for Graph and Partner Center tokens; when the service rotates it, the new one is written
       back to the vault, so a runbook that runs every night keeps working.
    3. When the token is revoked (or unused for 90 days) the run fails with RefreshTokenExpired and says to repeat
       step 1.

    Exit codes (pwsh -File): 0 done; 2 the run could not do its work (configuration, sign-in, or a refusal such as an
    app-only sign-in on an App+User call, explained in the error).
.PARAMETER ConfigPath
    The YAML configuration. Defaults to $env:PARTNERRELATIONSHIPS_CONFIG.
.PARAMETER InviteName
    Customer names to draft reseller invites for (with -InviteEmail, same order); the link comes from Partner Center.
.PARAMETER InviteEmail
    The customers' admin e-mail addresses, in the order of -InviteName.
.PARAMETER DraftFolder
    Where the invite drafts (.eml) go. Defaults to ./invites.
.PARAMETER SupportContactCustomer
    Customer tenant ids whose subscriptions get -SupportReseller as their support contact (every subscription that can
    have one), read back afterwards.
.PARAMETER SupportReseller
    The indirect reseller to name (its MPN id, tenant id or name, looked up among the customer's indirect resellers).
.PARAMETER OffboardCustomer
    Customer tenant ids whose reseller relationship ends (ConfirmImpact High: the runbook confirms it).
.PARAMETER ModulePath
    The PartnerRelationships module to import (a .psd1 path or module name). Defaults to the installed module.
.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-ResellerRunbook.ps1 -ConfigPath /etc/partner/partner.yaml -InviteName 'Contoso' -InviteEmail 'it@contoso.example'

    Drafts a reseller invite with the link Partner Center hands out for this partner.
.NOTES
    The configuration of such a runbook (the refresh token lives in the vault, the app's secret if it has one in an
    environment variable):

        partner: { tenantId: <guid>, partnerId: '<id>', name: Contoso Cloud }
        auth:
          mode: RefreshToken
          clientId: <app id>
          refreshTokenVault: PartnerVault
          refreshTokenName: partner-refresh-token
        store: { provider: postgres, connectionStringVariable: PARTNERRELATIONSHIPS_STORE }
#>
[CmdletBinding()]
param(
    [string] $ConfigPath = $env:PARTNERRELATIONSHIPS_CONFIG,
    [string[]] $InviteName = @(),
    [string[]] $InviteEmail = @(),
    [string] $DraftFolder = (Join-Path (Get-Location) 'invites'),
    [string[]] $SupportContactCustomer = @(),
    [string] $SupportReseller,
    [string[]] $OffboardCustomer = @(),
    [string] $ModulePath = 'PartnerRelationships'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'

try {
    Import-Module $ModulePath
    if (-not $ConfigPath) { throw 'No configuration: pass -ConfigPath or set $env:PARTNERRELATIONSHIPS_CONFIG.' }
    if ($InviteName.Count -ne $InviteEmail.Count) { throw '-InviteName and -InviteEmail need the same number of entries.' }

    # Sign in from the configuration first, so a wrong or expired credential stops the run before any work.
    $session = Connect-PartnerRelationship -ConfigPath $ConfigPath
    "Signed in: $($session.AuthMode) ($($session.SignInKind))$(if ($session.Account) { " as $($session.Account)" })"

    if ($InviteName.Count -gt 0) { $null = New-Item -ItemType Directory -Path $DraftFolder -Force }
    for ($i = 0; $i -lt $InviteName.Count; $i++) {
        $invite = New-ResellerInvite -CustomerName $InviteName[$i] -CustomerEmail $InviteEmail[$i] -OutFile $DraftFolder -ConfigPath $ConfigPath
        "Invite: $($invite.CustomerName) $($invite.Link)"
    }

    if ($SupportContactCustomer.Count -gt 0 -and -not $SupportReseller) { throw '-SupportContactCustomer needs -SupportReseller.' }
    foreach ($customer in $SupportContactCustomer) {
        # New-commerce subscriptions cannot have a support contact: the cmdlet skips them with a warning.
        $null = Set-CustomerSupportContact -CustomerTenantId $customer -IndirectReseller $SupportReseller -ConfigPath $ConfigPath -Confirm:$false -WarningAction SilentlyContinue
        foreach ($contact in Get-CustomerSupportContact -CustomerTenantId $customer -ConfigPath $ConfigPath -WarningAction SilentlyContinue) {
            "Support contact: $customer $($contact.SubscriptionName) $($contact.State) $($contact.SupportName)"
        }
    }

    foreach ($customer in $OffboardCustomer) {
        $null = Remove-CustomerRelationship -CustomerTenantId $customer -Reseller -ConfigPath $ConfigPath -Confirm:$false
        "Reseller relationship ended: $customer"
    }

    exit 0
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 2
}
