# Dot-sourced (after Common.ps1 and TestSandbox.psm1) by the customer cmdlet tests: customers in the sandbox, made the way
# the services make them (the partner creates and locks a relationship, the customer approves it), and a session.

$script:HelpdeskAdministrator = '729827e3-9c14-49f7-bb1b-9608f156bbb8'
$script:DirectoryReaders = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b'
$script:UserAdministrator = 'fe930be7-5e62-47db-91af-98c3a49a38b1'

# A fresh config (own SQLite store) as the session's configuration, and a session on the sandbox with its static token.
function Initialize-CustomerTestSession {
    param([Parameter(Mandatory)] $Sandbox)
    $folder = New-TestFolder
    $script:SavedConfigVariable = $env:PARTNERRELATIONSHIPS_CONFIG
    $env:PARTNERRELATIONSHIPS_CONFIG = New-TestConfig -Folder $folder
    $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
    return $folder
}

function Reset-CustomerTestSession {
    param([string] $Folder)
    Disconnect-PartnerRelationship
    $env:PARTNERRELATIONSHIPS_CONFIG = $script:SavedConfigVariable
    if ($Folder) { Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue }
}

<#
.SYNOPSIS
    A customer in the sandbox: a reseller customer (unless -NoReseller), with a granular relationship in the given state.
.OUTPUTS
    TenantId, Name, Domain and RelationshipId (null with -Relationship None).
#>
function New-TestCustomer {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [ValidateSet('None', 'Pending', 'Active')] [string] $Relationship = 'Active',
        [string[]] $Roles = @($script:HelpdeskAdministrator, $script:DirectoryReaders),
        [switch] $NoReseller,
        [switch] $HasActiveSubscriptions
    )
    $tenantId = [guid]::NewGuid().ToString()
    $domain = ($Name -replace '[^A-Za-z0-9]', '').ToLowerInvariant() + '.onmicrosoft.com'
    if (-not $NoReseller) {
        $null = Invoke-SandboxControl -Method Post -Path 'customers/accept-reseller' -Body @{
            displayName = $Name; tenantId = $tenantId; domain = $domain; hasActiveSubscriptions = [bool] $HasActiveSubscriptions
        }
    }
    $relationshipId = $null
    if ($Relationship -ne 'None') {
        $created = Invoke-SandboxGraph -Method Post -Path 'delegatedAdminRelationships' -Body @{
            displayName   = "GDAP $Name $([guid]::NewGuid().ToString('n').Substring(0, 6))"
            duration      = 'P730D'
            customer      = @{ tenantId = $tenantId; displayName = $Name }
            accessDetails = @{ unifiedRoles = @($Roles | ForEach-Object { @{ roleDefinitionId = $_ } }) }
        }
        $relationshipId = $created.id
        $null = Invoke-SandboxGraph -Method Post -Path "delegatedAdminRelationships/$relationshipId/requests" -Body @{ action = 'lockForApproval' }
        if ($Relationship -eq 'Active') {
            $null = Invoke-SandboxControl -Method Post -Path "relationships/$relationshipId/approve" -Body @{ tenantId = $tenantId; displayName = $Name }
        }
        # The service processes the lock (and an approval: approved → activating → active) after it answers.
        $null = Invoke-SandboxControl -Method Post -Path 'process'
    }
    [pscustomobject]@{ TenantId = $tenantId; Name = $Name; Domain = $domain; RelationshipId = $relationshipId }
}

# Another relationship for an existing customer, locked for approval and left waiting; returns its id.
function New-PendingRelationship {
    param([Parameter(Mandatory)] $Customer, [string[]] $Roles = @($script:HelpdeskAdministrator))
    $created = Invoke-SandboxGraph -Method Post -Path 'delegatedAdminRelationships' -Body @{
        displayName   = "GDAP $($Customer.Name) pending $([guid]::NewGuid().ToString('n').Substring(0, 6))"
        duration      = 'P730D'
        customer      = @{ tenantId = $Customer.TenantId; displayName = $Customer.Name }
        accessDetails = @{ unifiedRoles = @($Roles | ForEach-Object { @{ roleDefinitionId = $_ } }) }
    }
    $null = Invoke-SandboxGraph -Method Post -Path "delegatedAdminRelationships/$($created.id)/requests" -Body @{ action = 'lockForApproval' }
    $null = Invoke-SandboxControl -Method Post -Path 'process' # the lock request starts created; let the service process it
    $created.id
}

# The access assignments the sandbox holds for a relationship (the truth, not what a cmdlet says).
function Get-SandboxAssignment {
    param([Parameter(Mandatory)] [string] $RelationshipId)
    @((Invoke-SandboxGraph -Path "delegatedAdminRelationships/$RelationshipId/accessAssignments").value)
}

# The sandbox's indirect reseller (SandboxOptions.IndirectResellers), attached to a customer as Partner Center shows it.
$script:Reseller = '7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b'

# A reseller customer without a relationship, whose indirect reseller is $Reseller (Tailspin IT).
function New-CustomerWithReseller([string] $Name) {
    $c = New-TestCustomer -Name $Name -Relationship None
    $null = Invoke-SandboxControl -Method Post -Path 'customers/accept-reseller' -Body @{ tenantId = $c.TenantId; indirectResellerId = $script:Reseller; indirectResellerName = 'Tailspin IT' }
    $c
}

# A relationship's access assignments as the service lists them, without the deleted ones.
function Get-Assignments([string] $RelationshipId) {
    @((Invoke-SandboxGraph -Path "delegatedAdminRelationships/$RelationshipId/accessAssignments").value | Where-Object status -ne 'deleted')
}

# Core's store, opened by reflection from the module's private load context: for putting an invite in the state a
# sync would (no cmdlet of this area changes invite status) and for reading back what a cmdlet recorded.
function Set-TestInviteStatus {
    param([Parameter(Mandatory)] [guid] $InviteId, [Parameter(Mandatory)] [string] $From, [Parameter(Mandatory)] [string] $To, [Parameter(Mandatory)] [string] $StorePath)
    $core = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'PartnerRelationships.Core' } | Select-Object -First 1
    if (-not $core) { throw 'PartnerRelationships.Core is not loaded yet: run a cmdlet that opens the store first.' }
    $storeType = $core.GetType('PartnerRelationships.Core.Store.SqliteRelationshipStore', $true)
    $statusType = $core.GetType('PartnerRelationships.Core.Invites.InviteStatus', $true)
    $changeType = $core.GetType('PartnerRelationships.Core.Store.StatusChange', $true)
    $open = $storeType.GetMethod('Open')
    # Core's TimeProvider may be its own copy (Microsoft.Bcl.TimeProvider in the private context): take the one Open wants.
    $clock = $open.GetParameters()[1].ParameterType.GetProperty('System').GetValue($null)
    $store = $open.Invoke($null, @($StorePath, $clock))
    try {
        $change = [Activator]::CreateInstance($changeType, @($InviteId, [Enum]::Parse($statusType, $From), [Enum]::Parse($statusType, $To), [DateTimeOffset]::UtcNow, 'test: as a sync would', $null))
        $changed = $store.TryChangeStatusAsync($change, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        if (-not $changed) { throw "Invite $InviteId is not $From." }
    }
    finally { $store.Dispose() }
}
