# Dot-sourced (after Common.ps1 and TestSandbox.psm1) by the compliance tests: a sandbox and a store with exactly one case
# per compliance rule (PR001-PR009) plus a clean customer, like the xunit ComplianceSandbox.
#
# The service side is real: a seed file, access assignments created through Graph, customer actions through the
# sandbox controls. The store side needs granular invites tied to relationship ids, which no cmdlet on this branch
# writes yet (New-ResellerInvite -Kind GranularAdmin and Sync-ResellerInvite come with issue 5), so those records are
# written with the module's own store class, reached through the Core assembly in the module's load context.

$script:ComplianceGroupId = '0b7f8d35-3a1e-4c8e-9d0a-5e2b7c1f4a60'
$script:DirectoryReaders = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b'
$script:GlobalAdministrator = '62e90394-69f5-4237-9190-012177145e10'
$script:HelpdeskAdministrator = '729827e3-9c14-49f7-bb1b-9608f156bbb8'

function Get-ComplianceTenant([int] $N) { '00000000-0000-4000-8000-{0:D12}' -f $N }

function New-ComplianceSeedFile([string] $Folder) {
    function Relationship($Name, $Roles, $Duration = 'P730D', $AutoExtend = 'PT0S') {
        @{ displayName = $Name; roles = @($Roles); duration = $Duration; autoExtendDuration = $AutoExtend }
    }
    $customers = @(
        @{ n = 1; name = 'Alpha Ltd'; relationships = @(Relationship 'GDAP Alpha' $DirectoryReaders -AutoExtend 'P180D') }
        @{ n = 2; name = 'Bravo Inc'; relationships = @(Relationship 'GDAP Bravo' $DirectoryReaders -Duration 'P20D') }
        @{ n = 3; name = 'Charlie Traders'; relationships = @(Relationship 'GDAP Charlie' $DirectoryReaders) }
        @{ n = 4; name = 'Delta Bank'; relationships = @(Relationship 'GDAP Delta' $GlobalAdministrator) }
        @{ n = 5; name = 'Echo Travel'; relationships = @(Relationship 'GDAP Echo' $DirectoryReaders) }
        @{ n = 6; name = 'Foxtrot Foods'; relationships = @(Relationship 'GDAP Foxtrot' $DirectoryReaders) }
        @{ n = 7; name = 'Golf Hotels'; relationships = @(Relationship 'GDAP Golf' $DirectoryReaders) }
        @{ n = 8; name = 'Hotel Energy'; relationships = @(Relationship 'GDAP Hotel' $DirectoryReaders) }
        @{ n = 9; name = 'India Design'; relationships = @(
                Relationship 'GDAP India Full' @($DirectoryReaders, $HelpdeskAdministrator)
                Relationship 'GDAP India Readers' $DirectoryReaders) }
    )
    $seed = @{
        customers = @($customers | ForEach-Object {
                @{ tenantId = Get-ComplianceTenant $_.n; displayName = $_.name; relationships = @($_.relationships) }
            })
    }
    $path = Join-Path $Folder 'compliance-seed.json'
    $seed | ConvertTo-Json -Depth 10 | Set-Content -Path $path -Encoding utf8NoBOM
    return $path
}

# The module's store class and types, from the Core assembly the module loaded (a private load context).
function Get-TestStoreTypes([string] $ConfigPath) {
    $null = Get-ResellerInvite -ConfigPath $ConfigPath   # opens the store once: the native SQLite library is set up
    $core = (Get-PartnerRelationshipConfig -ConfigPath $ConfigPath).GetType().Assembly
    $storeType = $core.GetType('PartnerRelationships.Core.Store.SqliteRelationshipStore', $true)
    $open = $storeType.GetMethods() | Where-Object { $_.Name -eq 'Open' -and $_.GetParameters().Count -eq 2 } | Select-Object -First 1
    [pscustomobject]@{
        Open         = $open
        Clock        = $open.GetParameters()[1].ParameterType.GetProperty('System').GetValue($null)
        Invite       = $core.GetType('PartnerRelationships.Core.Invites.ResellerInvite', $true)
        InviteKind   = $core.GetType('PartnerRelationships.Core.Invites.InviteKind', $true)
        InviteStatus = $core.GetType('PartnerRelationships.Core.Invites.InviteStatus', $true)
        StatusChange = $core.GetType('PartnerRelationships.Core.Store.StatusChange', $true)
    }
}

# Records an invite in the SQLite store as the invite workflow would (optionally moved to another status); returns its id.
function Add-TestStoreInvite {
    param(
        [Parameter(Mandatory)] $Types, [Parameter(Mandatory)] [string] $StorePath,
        [string] $Kind = 'GranularAdmin', [string] $CustomerName, [string] $TenantId, [string] $RelationshipId,
        [string] $RelationshipName, [DateTimeOffset] $CreatedAt = [DateTimeOffset]::UtcNow.AddDays(-5), [string] $Status = 'Pending'
    )
    $store = $Types.Open.Invoke($null, @($StorePath, $Types.Clock))
    try {
        $invite = [Activator]::CreateInstance($Types.Invite)
        $invite.Id = [guid]::NewGuid()
        $invite.Kind = [Enum]::Parse($Types.InviteKind, $Kind)
        $invite.CustomerName = $CustomerName
        $invite.CustomerEmail = 'admin@' + ($CustomerName -split ' ')[0].ToLowerInvariant() + '.example'
        if ($TenantId) { $invite.CustomerTenantId = $TenantId }
        $invite.CreatedAt = $CreatedAt
        if ($RelationshipId) { $invite.RelationshipId = $RelationshipId; $invite.RelationshipDisplayName = $RelationshipName }
        $added = $store.AddInviteAsync($invite, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        if ($Status -ne 'Pending') {
            $change = [Activator]::CreateInstance($Types.StatusChange, @(
                    $added.Id, [Enum]::Parse($Types.InviteStatus, 'Pending'), [Enum]::Parse($Types.InviteStatus, $Status),
                    $CreatedAt.AddDays(1), $null, $null))
            $null = $store.TryChangeStatusAsync($change, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        }
        return $added.Id
    }
    finally { $store.Dispose() }
}

<#
.SYNOPSIS
    Starts a sandbox seeded with one case per compliance rule and fills the configuration's store to match.
.OUTPUTS
    Sandbox, ConfigPath, StorePath, Relationship (ids by short name), Tenant, Invite (ids by short name) and
    Expected (finding keys by rule id).
#>
function Start-ComplianceSandbox {
    param([Parameter(Mandatory)] [string] $Folder, [string] $ExtraConfig = '')
    $sandbox = Start-TestSandbox -SeedFile (New-ComplianceSeedFile $Folder)
    $uri = $sandbox.Uri
    $config = New-TestConfig -Folder $Folder -Extra @"
auth:
  mode: ClientSecret
  clientId: $($sandbox.ClientId)
  clientSecretVariable: PR_TEST_SECRET
endpoints:
  graph: ${uri}v1.0
  partnerCenter: $uri
  login: $uri
$ExtraConfig
"@
    $storePath = Join-Path $Folder 'store.db'

    $relationships = @{}
    foreach ($r in (Invoke-SandboxGraph -Path 'delegatedAdminRelationships' -Sandbox $sandbox).value) {
        $relationships[$r.displayName -replace '^GDAP ', ''] = $r
    }
    $tenant = @{}
    foreach ($pair in @('Alpha', 1), @('Bravo', 2), @('Charlie', 3), @('Delta', 4), @('Echo', 5), @('Foxtrot', 6), @('Golf', 7), @('Hotel', 8), @('India', 9)) {
        $tenant[$pair[0]] = Get-ComplianceTenant $pair[1]
    }

    # Everyone can use their relationship except Echo (PR005) and Charlie (about to end).
    foreach ($name in 'Alpha', 'Bravo', 'Delta', 'Foxtrot', 'Golf', 'Hotel', 'India Full', 'India Readers') {
        $r = $relationships[$name]
        $roles = @($r.accessDetails.unifiedRoles | ForEach-Object { @{ roleDefinitionId = $_.roleDefinitionId } })
        $null = Invoke-SandboxGraph -Method Post -Path "delegatedAdminRelationships/$($r.id)/accessAssignments" -Sandbox $sandbox -Body @{
            accessContainer = @{ accessContainerId = $ComplianceGroupId; accessContainerType = 'securityGroup' }
            accessDetails   = @{ unifiedRoles = $roles }
        }
    }
    $null = Invoke-SandboxControl -Method Post -Path 'process' -Sandbox $sandbox

    # PR006: the service failed to apply Foxtrot's assignment. PR003: Charlie removed the partner's admin rights.
    $foxtrot = $relationships['Foxtrot'].id
    $assignment = @((Invoke-SandboxGraph -Path "delegatedAdminRelationships/$foxtrot/accessAssignments" -Sandbox $sandbox).value)[0]
    $null = Invoke-SandboxControl -Method Post -Path "relationships/$foxtrot/accessAssignments/$($assignment.id)/fail" -Sandbox $sandbox
    $null = Invoke-SandboxControl -Method Post -Path "customers/$($tenant.Charlie)/remove-admin" -Body @{} -Sandbox $sandbox

    # The store knows every live relationship except Golf's (PR007); Hotel's invite was never synced (PR008).
    $types = Get-TestStoreTypes $config
    $invite = @{}
    $names = @{ Alpha = 'Alpha Ltd'; Bravo = 'Bravo Inc'; Delta = 'Delta Bank'; Echo = 'Echo Travel'; Foxtrot = 'Foxtrot Foods'; Hotel = 'Hotel Energy'; India = 'India Design' }
    foreach ($name in 'Alpha', 'Bravo', 'Delta', 'Echo', 'Foxtrot', 'Hotel', 'India Full', 'India Readers') {
        $short = ($name -split ' ')[0]
        $invite[$name] = Add-TestStoreInvite -Types $types -StorePath $storePath -CustomerName $names[$short] -TenantId $tenant[$short] `
            -RelationshipId $relationships[$name].id -RelationshipName "GDAP $name" -Status $(if ($name -eq 'Hotel') { 'Pending' } else { 'Accepted' })
    }
    # PR001: a reseller invite Juliet has ignored for 20 days (a cmdlet-made invite is minutes old; its age can't be faked).
    $invite['Juliet'] = Add-TestStoreInvite -Types $types -StorePath $storePath -Kind Reseller -CustomerName 'Juliet Coffee' `
        -CreatedAt ([DateTimeOffset]::UtcNow.AddDays(-20))

    $id = @{}; foreach ($key in $relationships.Keys) { $id[$key] = $relationships[$key].id }
    [pscustomobject]@{
        Sandbox      = $sandbox
        ConfigPath   = $config
        StorePath    = $storePath
        Relationship = $id
        Tenant       = $tenant
        Invite       = $invite
        Expected     = [ordered]@{
            PR001 = "PR001:invite/$($invite.Juliet)"
            PR002 = "PR002:relationship/$($id.Bravo)"
            PR003 = "PR003:customer/$($tenant.Charlie)"
            PR004 = "PR004:relationship/$($id.Delta)"
            PR005 = "PR005:relationship/$($id.Echo)"
            PR006 = "PR006:assignment/$foxtrot/$($assignment.id)"
            PR007 = "PR007:relationship/$($id.Golf)"
            PR008 = "PR008:invite/$($invite.Hotel)"
            PR009 = "PR009:relationship/$($id.'India Readers')"
        }
    }
}
