<#
.SYNOPSIS
    Walks through the partner's workflow against the local sandbox: configure, invite, track, manage.
.DESCRIPTION
    Run by `./build.ps1 Demo`. Starts the sandbox on a free loopback port, writes a configuration in a temporary
    folder, and runs the module's cmdlets the way an admin would, printing what each step shows. Nothing outside the
    temporary folder is touched, and the sandbox is stopped at the end.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxDll
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath

function Write-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { return $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-DemoSandbox {
    $uri = "http://127.0.0.1:$(Get-FreeLoopbackPort)"
    $process = Start-Process dotnet -ArgumentList $SandboxDll, '--urls', $uri, '--quiet' -PassThru -NoNewWindow
    foreach ($attempt in 1..100) {
        try { $null = Invoke-RestMethod "$uri/_sandbox/state"; return [pscustomobject]@{ Uri = $uri; Process = $process } }
        catch { Start-Sleep -Milliseconds 100 }   # waiting for a real process to listen; not a test
    }
    $process | Stop-Process -Force
    throw "The sandbox did not start at $uri."
}

# Acts as the customer: the sandbox's own controls, not part of the module.
function Invoke-Customer([string] $Path, [hashtable] $Body = @{}) {
    Invoke-RestMethod -Method Post -Uri "$($sandbox.Uri)/_sandbox/$Path" -Body ($Body | ConvertTo-Json) -ContentType 'application/json'
}

$folder = Join-Path ([IO.Path]::GetTempPath()) ("partner-demo-" + [guid]::NewGuid().ToString('n'))
New-Item -ItemType Directory $folder | Out-Null
$sandbox = Start-DemoSandbox
try {
    Write-Step "Sandbox listening at $($sandbox.Uri)"

    Write-Step 'A starter configuration (commented YAML), pointed at the sandbox'
    $config = Join-Path $folder 'partner.yaml'
    $null = New-PartnerRelationshipConfig -Path $config -PartnerTenantId 6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c -PartnerId 1234567 -PartnerName 'Fabrikam Cloud Services'
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
    Get-PartnerRelationshipConfig | Select-Object SourcePath, Cloud -ExpandProperty Partner | Format-List

    Write-Step 'Write the reseller relationship request for Contoso, as an .eml draft'
    $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.example' -OutFile (Join-Path $folder 'contoso.eml')
    $invite | Format-List CustomerName, CustomerEmail, Status, Link, Subject
    Write-Host $invite.Body
    Write-Host "Draft for the mail client: $($invite.DraftFile)"

    Write-Step 'Invite several customers from a CSV, one draft each'
    $drafts = New-Item -ItemType Directory (Join-Path $folder 'drafts')
    @(
        [pscustomobject]@{ CustomerName = 'Northwind Traders'; CustomerEmail = 'it@northwind.example' }
        [pscustomobject]@{ CustomerName = 'Tailspin Toys'; CustomerEmail = 'ops@tailspin.example' }
    ) | New-ResellerInvite -OutFile $drafts.FullName | Format-Table CustomerName, Status, CreatedAt

    Write-Step 'Bad input is refused with a clear error, and nothing is recorded'
    try { New-ResellerInvite -CustomerName 'Evil' -CustomerEmail "x@evil.example`r`nBcc: all@evil.example" -ErrorAction Stop }
    catch { Write-Host "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" -ForegroundColor Yellow }

    Write-Step 'Who is still to accept?'
    Get-ResellerInvite -Status Pending | Format-Table

    Write-Step 'Connect (app-only, from the configuration: no prompt)'
    Connect-PartnerRelationship | Format-List TenantId, AuthMode, GraphEndpoint, IsSandbox

    Write-Step 'A granular delegated admin (GDAP) invite for Fabrikam: the relationship is created and locked for approval'
    $gdap = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Fabrikam Retail' -CustomerEmail 'it@fabrikam-retail.example' `
        -Role 'Helpdesk Administrator', 'User Administrator', 'Directory Readers' -Duration P365D
    $gdap | Format-List CustomerName, Kind, Status, RelationshipDisplayName, Link

    Write-Step 'The customers act (in the sandbox): Contoso accepts the reseller link, Fabrikam approves, Tailspin ignores it'
    $null = Invoke-Customer 'customers/accept-reseller' @{ displayName = 'Contoso'; domain = 'contoso.example' }
    $null = Invoke-Customer "relationships/$($gdap.RelationshipId)/approve" @{ displayName = 'Fabrikam Retail' }
    # Like the real service, the approval passes through approved and activating before active: let that time pass.
    $null = Invoke-Customer 'process' @{}

    Write-Step 'Sync: the store learns what the customers did (safe to run again: the second run finds nothing new)'
    Sync-ResellerInvite | Format-Table
    @(Sync-ResellerInvite).Count | ForEach-Object { Write-Host "Second sync: $_ changes" }

    Write-Step 'The history of the Fabrikam invite'
    (Get-ResellerInvite -Id $gdap.Id -IncludeHistory).History | Format-Table

    Write-Step 'Customers and their relationships'
    Get-PartnerCustomer | Format-Table

    Write-Step 'Admin permissions: the partner''s helpdesk group gets roles on Fabrikam''s relationship (-WhatIf first)'
    $helpdeskGroup = '11111111-2222-3333-4444-555555555555'
    $fabrikam = Get-PartnerCustomer -Name 'Fabrikam*'
    $fabrikam | Set-AdminPermission -SecurityGroupId $helpdeskGroup -Role 'Helpdesk Administrator' -WhatIf
    $fabrikam | Set-AdminPermission -SecurityGroupId $helpdeskGroup -Role 'Helpdesk Administrator', 'User Administrator' -Confirm:$false -PassThru | Format-Table
    $fabrikam | Get-AdminPermission | Format-Table

    Write-Step 'Nightly compliance check, with a self-contained HTML report'
    $report = Join-Path $folder 'compliance.html'
    Test-PartnerCompliance -ReportPath $report | Format-Table
    Write-Host "Report: $report"

    Write-Step 'Tailspin never answered: cancel that invite'
    Get-ResellerInvite -CustomerName 'Tailspin*' -Status Pending | Remove-ResellerInvite -Confirm:$false -PassThru | Format-Table CustomerName, Status

    Write-Step 'End the granular relationship with Fabrikam (note the warning the seed page asks partners to keep in mind)'
    $fabrikam | Remove-CustomerRelationship -Granular -Confirm:$false | Format-Table

    Write-Step 'Where every invite stands now'
    # Redirected output is 80 columns wide by default: give the table room for every column.
    Get-ResellerInvite | Format-Table | Out-String -Width 160 | Write-Host
}
finally {
    $env:PARTNERRELATIONSHIPS_CONFIG = $null
    $env:DEMO_PARTNER_SECRET = $null
    Disconnect-PartnerRelationship
    $sandbox.Process | Stop-Process -Force -ErrorAction SilentlyContinue
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}
Write-Host "`nDemo complete." -ForegroundColor Green
