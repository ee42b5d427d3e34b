<#
    The one helper for tests (and the demo and benchmarks) that need the partner services: runs the BUILT sandbox as a
    child process on a free loopback port, calls its /_sandbox controls and its Graph API as the partner.
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    build.ps1 sets $env:PARTNERRELATIONSHIPS_SANDBOX to its dll; a local run falls back to bin/.
#>

# The sandbox's built-in app registration, static token and partner tenant (see README "Sandbox").
$SandboxClientId = '00000000-0000-0000-0000-00000000a11c'
$SandboxClientSecret = 'sandbox-secret'
$SandboxStaticToken = 'sandbox-token'
$SandboxTenantId = '6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c'
$script:CurrentSandbox = $null

function Get-TestSandboxDll {
    if ($env:PARTNERRELATIONSHIPS_SANDBOX) {
        if (-not (Test-Path $env:PARTNERRELATIONSHIPS_SANDBOX)) { throw "`$env:PARTNERRELATIONSHIPS_SANDBOX names '$env:PARTNERRELATIONSHIPS_SANDBOX', which does not exist." }
        return $env:PARTNERRELATIONSHIPS_SANDBOX
    }
    foreach ($configuration in 'Release', 'Debug') {
        $dll = Join-Path $PSScriptRoot "../../src/PartnerRelationships.Sandbox/bin/$configuration/net10.0/PartnerRelationships.Sandbox.dll"
        if (Test-Path $dll) { return (Resolve-Path $dll).Path }
    }
    throw 'The sandbox is not built: run ./build.ps1 Build (or set $env:PARTNERRELATIONSHIPS_SANDBOX to PartnerRelationships.Sandbox.dll).'
}

# The dotnet host that runs this PowerShell when it is one (a .NET tool), else the one on PATH.
function Get-TestDotnetHost {
    if ($env:DOTNET_HOST_PATH -and (Test-Path $env:DOTNET_HOST_PATH)) { return $env:DOTNET_HOST_PATH }
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return $self }
    return (Get-Command dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { return ([System.Net.IPEndPoint] $listener.LocalEndpoint).Port }
    finally { $listener.Stop() }
}

<#
.SYNOPSIS
    Starts the built sandbox on a free loopback port and waits until it answers.
.OUTPUTS
    An object with Uri (ends with '/'), ClientId, ClientSecret, StaticToken, TenantId and Process; with -Https also
    HttpsUri (ends with '/') and CertificatePath (the PEM of its self-made certificate, for
    $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE).
#>
function Start-TestSandbox {
    param(
        [int] $Customers = 0,
        [int] $Seed = 1,
        # Fault settings as PUT /_sandbox/faults takes them: throttleRps, serverErrorProbability, dropProbability,
        # latencyMs, lostCreateProbability, seed, applyToTokenEndpoint.
        [hashtable] $Faults,
        # A JSON seed file (customers with relationships, apps), as the sandbox's --seed-file takes it.
        [string] $SeedFile,
        # Also serve HTTPS on another free loopback port, with a certificate the sandbox makes and writes as PEM.
        [switch] $Https,
        # How long pending work (202 operations, activation, termination) takes on the sandbox clock (the sandbox's default: 5 s).
        [int] $PendingWorkSeconds = -1,
        [int] $TimeoutSeconds = 60,
        # The sandbox to run (by default the built one: Get-TestSandboxDll).
        [string] $Dll = (Get-TestSandboxDll)
    )

    $dotnet = Get-TestDotnetHost
    $lastError = $null
    # A port found free can be taken before the sandbox binds it: try another.
    for ($try = 1; $try -le 3; $try++) {
        $port = Get-FreeLoopbackPort
        $uri = "http://127.0.0.1:$port/"
        $httpsUri = $null
        $certificatePath = $null
        $extra = @()
        if ($Https) {
            $httpsPort = Get-FreeLoopbackPort
            $httpsUri = "https://127.0.0.1:$httpsPort/"
            $certificatePath = Join-Path ([IO.Path]::GetTempPath()) "pr-sandbox-$([guid]::NewGuid().ToString('n')).pem"
            $extra = '--https-url', "https://127.0.0.1:$httpsPort", '--certificate-out', $certificatePath
        }
        $start = [System.Diagnostics.ProcessStartInfo]::new($dotnet)
        foreach ($argument in @($dll, '--urls', "http://127.0.0.1:$port", '--quiet', '--seed', "$Seed") + $(if ($Customers -gt 0) { '--customers', "$Customers" }) + $(if ($SeedFile) { '--seed-file', $SeedFile }) + $(if ($PendingWorkSeconds -ge 0) { '--pending-work-seconds', "$PendingWorkSeconds" }) + $extra) {
            $start.ArgumentList.Add($argument)
        }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        # Drain both pipes (no handler: lines are discarded) so the child never blocks on a full pipe.
        $process.BeginOutputReadLine()
        $process.BeginErrorReadLine()

        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) {
            try {
                $null = Invoke-RestMethod -Uri "${uri}_sandbox/state" -TimeoutSec 5 -ErrorAction Stop
                $sandbox = [pscustomobject]@{
                    Uri          = $uri
                    ClientId     = $SandboxClientId
                    ClientSecret = $SandboxClientSecret
                    StaticToken  = $SandboxStaticToken
                    TenantId     = $SandboxTenantId
                    Process      = $process
                    HttpsUri     = $httpsUri
                    CertificatePath = $certificatePath
                }
                $script:CurrentSandbox = $sandbox
                if ($Faults) { $null = Invoke-SandboxControl -Sandbox $sandbox -Method Put -Path 'faults' -Body $Faults }
                return $sandbox
            }
            catch {
                $lastError = $_
                Start-Sleep -Milliseconds 100   # Polling a real child process: there is no clock to advance here.
            }
        }

        if (-not $process.HasExited) { $process.Kill($true); $process.WaitForExit() }
        $process.Dispose()
    }
    throw "The sandbox ($dll) did not start: $lastError"
}

function Stop-TestSandbox {
    param([Parameter(ValueFromPipeline)] $Sandbox = $script:CurrentSandbox)
    process {
        if (-not $Sandbox) { return }
        $process = $Sandbox.Process
        if (-not $process.HasExited) {
            $process.Kill($true)
            $null = $process.WaitForExit(10000)
        }
        $process.Dispose()
        if ($Sandbox.CertificatePath) { Remove-Item $Sandbox.CertificatePath -ErrorAction SilentlyContinue }
        if ($script:CurrentSandbox -eq $Sandbox) { $script:CurrentSandbox = $null }
    }
}

<#
.SYNOPSIS
    Calls a /_sandbox control (act as the customer, move the clock, set faults, seed, reset); returns its JSON answer.
.EXAMPLE
    Invoke-SandboxControl -Method Post -Path 'clock/advance' -Body @{ seconds = 86400 }
#>
function Invoke-SandboxControl {
    param(
        [ValidateSet('Get', 'Post', 'Put', 'Delete')] [string] $Method = 'Get',
        [Parameter(Mandatory)] [string] $Path,
        $Body,
        $Sandbox = $script:CurrentSandbox
    )
    if (-not $Sandbox) { throw 'No sandbox: call Start-TestSandbox first.' }
    $request = @{ Uri = "$($Sandbox.Uri)_sandbox/$($Path.TrimStart('/'))"; Method = $Method; ErrorAction = 'Stop' }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request.Body = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Depth 10 }
        $request.ContentType = 'application/json'
    }
    Invoke-RestMethod @request
}

# The sandbox the last Start-TestSandbox started (until it is stopped): the default of every other function here.
function Get-TestSandbox { $script:CurrentSandbox }

# Calls the sandbox's Graph API as the partner (for what no cmdlet under test does: creating relationships).
function Invoke-SandboxGraph {
    param([string] $Method = 'Get', [string] $Path, $Body, $Sandbox = $script:CurrentSandbox)
    $request = @{
        Uri = "$($Sandbox.Uri)v1.0/tenantRelationships/$($Path.TrimStart('/'))"; Method = $Method; ErrorAction = 'Stop'
        Headers = @{ Authorization = "Bearer $($Sandbox.StaticToken)" }
    }
    if ($PSBoundParameters.ContainsKey('Body')) { $request.Body = $Body | ConvertTo-Json -Depth 10; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

# A relationship as the service has it now.
function Get-SandboxRelationship {
    param([Parameter(Mandatory, Position = 0)] [Alias('Id')] [string] $RelationshipId, $Sandbox = $script:CurrentSandbox)
    Invoke-SandboxGraph -Path "delegatedAdminRelationships/$RelationshipId" -Sandbox $Sandbox
}

Export-ModuleMember -Function Get-TestSandboxDll, Get-FreeLoopbackPort, Start-TestSandbox, Stop-TestSandbox, Get-TestSandbox,
    Invoke-SandboxControl, Invoke-SandboxGraph, Get-SandboxRelationship -Variable SandboxClientId, SandboxClientSecret, SandboxStaticToken, SandboxTenantId
