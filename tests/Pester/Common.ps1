# Dot-sourced by every test file: imports the BUILT module folder (never bin/) and offers small fixtures.
$script:ModuleManifest = if ($env:PARTNERRELATIONSHIPS_MODULE) { $env:PARTNERRELATIONSHIPS_MODULE } else {
    Join-Path $PSScriptRoot '../../out/PartnerRelationships/PartnerRelationships.psd1'
}
Import-Module $script:ModuleManifest -Force -ErrorAction Stop

# The command line that starts another PowerShell like this one: a .NET tool runs as `dotnet <PSHOME>/pwsh.dll`.
$script:PwshCommand = @((Get-Process -Id $PID).Path)
if ([IO.Path]::GetFileNameWithoutExtension($script:PwshCommand[0]) -eq 'dotnet') { $script:PwshCommand += Join-Path $PSHOME 'pwsh.dll' }

# Runs a child PowerShell with the given arguments.
function Invoke-Pwsh { & $script:PwshCommand[0] @($script:PwshCommand | Select-Object -Skip 1) @args }

# What a person sees at a terminal (or a CI log) this wide: the default view rendered, as non-blank lines.
function Get-RenderedLines {
    param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Mandatory)] [int] $Width)
    end { @(@($input) | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() } }
}

# What the host showed while the command ran (prompts, warnings, -WhatIf lines), from a transcript; its output is dropped.
function Get-HostText([scriptblock] $Command) {
    $file = Join-Path ([IO.Path]::GetTempPath()) "pr-transcript-$([guid]::NewGuid().ToString('n')).txt"
    $null = Start-Transcript -Path $file
    try { $null = & $Command } finally { $null = Stop-Transcript }
    try { Get-Content $file -Raw } finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

# A GUID anywhere in the text (ids belong in list views, not tables).
$script:GuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

$script:PartnerTenantId = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'
$script:PartnerId = '1234567'

function New-TestFolder {
    $folder = Join-Path ([IO.Path]::GetTempPath()) ("pr-test-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $folder | Out-Null
    return $folder
}

# Runs a script in a fresh runspace of this process with the module imported; returns output, progress and error records.
# -Sandbox: connected to that sandbox with its static token first (the connection's own output is left out).
function Invoke-CapturingProgress([string] $Script, $Sandbox) {
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).AddStatement()
        if ($Sandbox) {
            $null = $ps.AddCommand('Connect-PartnerRelationship').AddParameter('SandboxUri', $Sandbox.Uri).AddParameter('AccessToken', (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)).AddStatement()
        }
        $null = $ps.AddScript($Script)
        $output = $ps.Invoke()
        [pscustomobject]@{
            Output = @($output | Where-Object { $_ -and $_.GetType().FullName -ne 'PartnerRelationships.Core.Remote.PartnerConnectionInfo' })
            Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error); Warnings = @($ps.Streams.Warning)
        }
    }
    finally { $ps.Dispose() }
}

# A valid configuration whose store lives in the given folder; -Extra is appended as YAML.
function New-TestConfig {
    param([string] $Folder, [string] $Extra = '', [string] $IndirectResellerTenantId, [string] $IndirectResellerMpnId)
    $path = Join-Path $Folder 'partner.yaml'
    $reseller = if ($IndirectResellerTenantId) { "  indirectResellerTenantId: $IndirectResellerTenantId`n  indirectResellerMpnId: '$IndirectResellerMpnId'" } else { '' }
    @"
partner:
  tenantId: $script:PartnerTenantId
  mpnId: '$script:PartnerId'
  name: Fabrikam Cloud Services
$reseller
store:
  provider: sqlite
  path: $(Join-Path $Folder 'store.db')
$Extra
"@ | Set-Content -Path $path -Encoding utf8NoBOM
    return $path
}

# A runbook's configuration against the sandbox: app-only sign-in with the secret in $env:<SecretVariable>, endpoints
# at the sandbox (TestSandbox.psm1's current one unless -Sandbox), the store in the folder (New-TestConfig); -Extra is
# appended as YAML.
function New-SandboxConfig {
    param(
        [Parameter(Mandatory)] [string] $Folder,
        [string] $Extra = '',
        [string] $ClientId = $SandboxClientId,
        [string] $SecretVariable = 'PR_TEST_SECRET',
        $Sandbox = (Get-TestSandbox)
    )
    $uri = $Sandbox.Uri
    New-TestConfig -Folder $Folder -Extra @"
auth:
  mode: ClientSecret
  clientId: $ClientId
  clientSecretVariable: $SecretVariable
endpoints:
  graph: ${uri}v1.0
  partnerCenter: $uri
  login: $uri
$Extra
"@
}

# A secret the fake SecretManagement vault (Fixtures/) holds: it keeps every vault's secrets in $env:PR_FAKE_VAULT_FILE.
function Get-VaultSecret([string] $Vault, [string] $Name) {
    (Get-Content $env:PR_FAKE_VAULT_FILE -Raw | ConvertFrom-Json -AsHashtable)["$Vault/$Name"]
}
