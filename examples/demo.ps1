<#
.SYNOPSIS
    A partner's month with PartnerRelationships, against the local sandbox: invite customers, see who accepted, give
    your helpdesk access, catch what needs attention, end what should end.
.DESCRIPTION
    Run by `dotnet pwsh ./build.ps1 Demo`. Starts the sandbox on a free loopback port (nothing real is touched) and
    plays Fabrikam Cloud Services, a CSP partner, with the module's cmdlets, printing what each step shows. The
    sandbox also plays the customers (accepting, approving, moving away).

    The files the story makes stay for you to open: the configuration, the store, the invite drafts (.eml, open them in
    your mail client) and the compliance report (.html, open it in a browser), in -OutputFolder (out/demo in the
    clone by default; emptied at the start of each run). The sandbox is stopped at the end.
.PARAMETER OutputFolder
    Where the demo's files go. Defaults to out/demo in the clone.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxDll,
    [string] $OutputFolder = (Join-Path $PSScriptRoot '../out/demo')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath

function Write-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
function Write-Note([string] $Text) { Write-Host $Text -ForegroundColor DarkGray }

# Tables as an 80-column terminal shows them, whatever this window is (the module's views are made for it).
function Show { $input | Out-String -Width 80 | Write-Host }

# The sandbox as a child process on a free loopback port: the same helper the tests use.
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/TestSandbox.psm1')
function Start-DemoSandbox {
    $started = Start-TestSandbox -Dll $SandboxDll
    # Uri without the trailing '/', as the story below writes its URLs.
    [pscustomobject]@{ Uri = $started.Uri.TrimEnd('/'); Process = $started.Process; Started = $started }
}

# Plays the customer: the sandbox's own controls, not part of the module.
function Invoke-Customer([string] $Path, [hashtable] $Body = @{}) {
    Invoke-RestMethod -Method Post -Uri "$($sandbox.Uri)/_sandbox/$Path" -Body ($Body | ConvertTo-Json) -ContentType 'application/json'
}

if (Test-Path $OutputFolder) { Remove-Item $OutputFolder -Recurse -Force }
$folder = (New-Item -ItemType Directory $OutputFolder -Force).FullName
$sandbox = Start-DemoSandbox
try {
    Write-Step 'Fabrikam Cloud Services, a CSP partner, sets up: a commented starter configuration'
    Write-Note "(The partner services are the local sandbox at $($sandbox.Uri): nothing real is touched.)"
    $config = Join-Path $folder 'partner.yaml'
    $null = New-PartnerRelationshipConfig -Path $config -PartnerTenantId 6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c -MpnId 1234567 -PartnerName 'Fabrikam Cloud Services'
    # Uncomment the starter's keys: a store beside the file, app-only sign-in with the secret in an environment
    # variable (never in the file), and the sandbox instead of the real services.
    (Get-Content $config -Raw) `
        -replace '(?m)^  # path: .*$', '  path: store.db' `
        -replace '(?m)^  # graph: .*$', "  graph: $($sandbox.Uri)" `
        -replace '(?m)^  # partnerCenter: .*$', "  partnerCenter: $($sandbox.Uri)" `
        -replace '(?m)^  # login: .*$', "  login: $($sandbox.Uri)" `
        -replace '(?m)^  # mode: Interactive$', '  mode: ClientSecret' `
        -replace '(?m)^  # clientId: .*$', '  clientId: 00000000-0000-0000-0000-00000000a11c' `
        -replace '(?m)^  # clientSecretVariable: .*$', '  clientSecretVariable: DEMO_PARTNER_SECRET' | Set-Content $config
    $env:DEMO_PARTNER_SECRET = 'sandbox-secret'   # the sandbox's built-in app; a runbook gets it from its vault
    $env:PARTNERRELATIONSHIPS_CONFIG = $config
    Get-PartnerRelationshipConfig | Select-Object SourcePath, Cloud -ExpandProperty Partner | Format-List | Show

    Write-Step 'Contoso wants you as its reseller: write the relationship request as an email draft'
    $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.example' -OutFile (Join-Path $folder 'contoso.eml')
    $invite | Format-List CustomerName, CustomerEmail, Status, Link, Subject | Show
    Write-Host $invite.Body
    Write-Note "The draft opens in your mail client as an unsent message: $($invite.DraftFile)"

    Write-Step 'Two more customers from your CRM export (a CSV): one draft each, in a drafts folder made on the way'
    @(
        [pscustomobject]@{ CustomerName = 'Northwind Traders'; CustomerEmail = 'it@northwind.example' }
        [pscustomobject]@{ CustomerName = 'Tailspin Toys'; CustomerEmail = 'ops@tailspin.example' }
    ) | New-ResellerInvite -OutFile (Join-Path $folder 'drafts/') | Show

    Write-Step 'A pasted address with a hidden Bcc line is refused, and nothing is recorded'
    try { New-ResellerInvite -CustomerName 'Evil' -CustomerEmail "x@evil.example`r`nBcc: all@evil.example" -ErrorAction Stop }
    catch { Write-Host "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" -ForegroundColor Yellow }

    Write-Step 'Sign in (app-only, from the configuration: no prompt)'
    Connect-PartnerRelationship | Format-List TenantId, AuthMode, GraphEndpoint, IsSandbox | Show

    Write-Step 'Fabrikam Retail needs day-to-day help: ask for granular admin (GDAP) access with least-privilege roles'
    $gdap = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Fabrikam Retail' -CustomerEmail 'it@fabrikam-retail.example' `
        -Role 'Helpdesk Administrator', 'User Administrator', 'Directory Readers' -Duration P365D
    $gdap | Show
    Write-Note 'Send the ApprovalLink to the customer''s Global Administrator: the relationship starts when they approve it.'

    Write-Step 'Litware''s IT manager insists on Global Administrator for a three-week project'
    $litware = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Litware' -CustomerEmail 'it@litware.example' `
        -Role 'Global Administrator' -Duration P21D -AutoExtend:$false
    $litware | Format-List CustomerName, RelationshipDisplayName, Roles, Duration, AutoExtend | Show

    Write-Step 'The customers answer (played by the sandbox)'
    Write-Note 'Contoso and Northwind accept the reseller link, Fabrikam Retail and Litware approve, Tailspin does not reply.'
    $null = Invoke-Customer 'customers/accept-reseller' @{ displayName = 'Contoso'; domain = 'contoso.example' }
    $northwind = Invoke-Customer 'customers/accept-reseller' @{ displayName = 'Northwind Traders'; domain = 'northwind.example' }
    $null = Invoke-Customer "relationships/$($gdap.RelationshipId)/approve" @{ displayName = 'Fabrikam Retail' }
    $null = Invoke-Customer "relationships/$($litware.RelationshipId)/approve" @{ displayName = 'Litware' }
    # Like the real service, the approval passes through approved and activating before active: let that time pass.
    $null = Invoke-Customer 'process' @{}

    Write-Step 'Sync: the store learns who accepted, with the time'
    Sync-ResellerInvite | Show
    Write-Note 'Run it again and nothing is recorded twice:'
    Sync-ResellerInvite | Show

    Write-Step 'Your customers and their relationships'
    Get-PartnerCustomer | Show

    Write-Step 'Give your helpdesk group its roles on Fabrikam Retail''s relationship (-WhatIf first, then for real)'
    $helpdeskGroup = '11111111-2222-3333-4444-555555555555'
    $fabrikam = Get-PartnerCustomer -Name 'Fabrikam Retail'
    $fabrikam | Set-AdminPermission -SecurityGroupId $helpdeskGroup -Role 'Helpdesk Administrator' -WhatIf
    $fabrikam | Set-AdminPermission -SecurityGroupId $helpdeskGroup -Role 'Helpdesk Administrator', 'User Administrator' -Confirm:$false -PassThru | Show

    Write-Step 'A month later, Northwind moves to another partner and removes your admin rights'
    $null = Invoke-Customer "customers/$($northwind.id)/remove-admin"
    Sync-ResellerInvite | Show

    Write-Step 'The nightly compliance check: what needs attention'
    $report = Join-Path $folder 'compliance.html'
    Test-PartnerCompliance -ReportPath $report -MinimumSeverity Warning | Show
    Write-Note "The whole report, Info findings included, opens in any browser: $report"

    Write-Step 'Tailspin never answered: withdraw the invite'
    Get-ResellerInvite -CustomerName 'Tailspin*' -Status Pending | Remove-ResellerInvite -Confirm:$false -PassThru | Show

    Write-Step 'The Litware project is done: end the relationship that grants Global Administrator'
    Write-Note 'Ending admin access does not end your support obligations; the warning says so every time.'
    Get-PartnerCustomer -Name 'Litware' | Remove-CustomerRelationship -Granular -Confirm:$false | Show

    Write-Step 'Where every invite stands now'
    Get-ResellerInvite | Show
}
finally {
    $env:PARTNERRELATIONSHIPS_CONFIG = $null
    $env:DEMO_PARTNER_SECRET = $null
    Disconnect-PartnerRelationship
    Stop-TestSandbox $sandbox.Started
}

Write-Host "`nDemo complete. Its files are yours to open, in $folder :" -ForegroundColor Green
Write-Host "  contoso.eml, drafts/*.eml   the invite drafts (open them in your mail client)"
Write-Host "  compliance.html             the compliance report (open it in a browser)"
Write-Host "  partner.yaml, store.db      the configuration and the record of every invite"
