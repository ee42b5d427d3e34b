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
    # Uncomment the starter's keys for a store beside the file and for the sandbox instead of the real services.
    (Get-Content $config -Raw) `
        -replace '(?m)^  # path: .*$', '  path: store.db' `
        -replace '(?m)^  # graph: .*$', "  graph: $($sandbox.Uri)" `
        -replace '(?m)^  # partnerCenter: .*$', "  partnerCenter: $($sandbox.Uri)" `
        -replace '(?m)^  # login: .*$', "  login: $($sandbox.Uri)" | Set-Content $config
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

    Write-Step 'Contoso accepts the link (acting as the customer in the sandbox)'
    $null = Invoke-Customer 'customers/accept-reseller' @{ displayName = 'Contoso'; domain = 'contoso.example' }
    Write-Host 'Contoso now appears among the partner''s customers at the sandbox.'
}
finally {
    $env:PARTNERRELATIONSHIPS_CONFIG = $null
    $sandbox.Process | Stop-Process -Force -ErrorAction SilentlyContinue
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
}
Write-Host "`nDemo complete." -ForegroundColor Green
