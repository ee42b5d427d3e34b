# The bad-input table (issue 7): every row is an input a user can get wrong, across configuration and cmdlets. Each
# must end in one clear error record with its stable error id, no stack trace, and leave the store (and, where the
# command talks to the service, the sandbox) exactly as it was.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox -Customers 3
    $secret = ConvertTo-SecureString $Sandbox.ClientSecret -AsPlainText -Force
    $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -TenantId $Sandbox.TenantId -ClientId $Sandbox.ClientId -ClientSecret $secret

    $script:Folder = New-TestFolder
    $script:Config = New-TestConfig -Folder $Folder
    $script:StorePath = Join-Path $Folder 'store.db'
    # A regular file: any path "under" it can never be created, even by root.
    $script:Blocker = Join-Path $Folder 'a-file'
    Set-Content $Blocker 'not a folder'
    $script:Template = Join-Path $Folder 'no-link.txt'
    "Subject: Hello {CustomerName}`n`nDear {CustomerName}, we would like to work with you." | Set-Content $Template

    # Something to protect: a pending invite, and one moved on so the store holds history too.
    $null = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config
    $removed = New-ResellerInvite -CustomerName 'Northwind' -CustomerEmail 'it@northwind.example' -ConfigPath $Config
    Remove-ResellerInvite -Id $removed.Id -ConfigPath $Config -Confirm:$false
    $script:Customer = (Get-PartnerCustomer -ConfigPath $Config | Select-Object -First 1).TenantId

    # Every invite with its history, hashed: any write (even one that changes no count) shows.
    function Get-StoreFingerprint {
        $invites = @(Get-ResellerInvite -IncludeHistory -ConfigPath $script:Config)
        $json = ConvertTo-Json -InputObject $invites -Depth 6 -Compress
        $hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($json)))
        "$($invites.Count):$hash"
    }

    # The service's counts; its clock ('now') moves on its own and is left out.
    function Get-SandboxFingerprint { Invoke-SandboxControl -Path 'state' | Select-Object -Property * -ExcludeProperty now | ConvertTo-Json -Depth 10 -Compress }

    # A configuration file from YAML text; STORE stands for the shared store's path, so a config that loaded would write there.
    function New-BadConfig([string] $Yaml) {
        $path = Join-Path $script:Folder ("bad-" + [guid]::NewGuid().ToString('n') + '.yaml')
        Set-Content -Path $path -Value $Yaml.Replace('STORE', $script:StorePath) -Encoding utf8NoBOM -NoNewline
        $path
    }

    # A valid configuration with the given YAML appended.
    function New-ConfigWith([string] $Extra) { New-BadConfig ((Get-Content $script:Config -Raw) + "`n" + $Extra) }

    # Runs a command with a bad config: the invite that would be recorded if the config were (wrongly) accepted.
    function Invoke-WithConfig([string] $Path) {
        New-ResellerInvite -CustomerName 'Fabrikam' -CustomerEmail 'admin@fabrikam.example' -ConfigPath $Path
    }

    $script:Valid = @"
partner:
  tenantId: $PartnerTenantId
  mpnId: '$PartnerId'
  name: Fabrikam Cloud Services
store:
  provider: sqlite
  path: STORE
"@
    $script:Huge = 'x' * 102400
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Bad input' {
    It '<Case>: <ErrorId>, store and sandbox unchanged' -ForEach @(
        # --- configuration (loaded by New-ResellerInvite, which would record an invite if the file were accepted) ---
        @{ Case = 'YAML syntax error'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigSyntaxError'
            Command = { Invoke-WithConfig (New-BadConfig "partner: [unclosed`nstore:`n  path: STORE") } }
        @{ Case = 'tab indentation'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigSyntaxError'
            Command = { Invoke-WithConfig (New-BadConfig ($Valid -replace "`n  ", "`n`t")) } }
        @{ Case = 'wrong type (word for a number)'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "retry:`n  maxAttempts: many") } }
        @{ Case = 'wrong type (list for a section)'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "retry:`n  - 3`n  - 4") } }
        @{ Case = 'unknown top-level key'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigUnknownKey'
            Command = { Invoke-WithConfig (New-ConfigWith "partnr:`n  name: x") } }
        @{ Case = 'unknown nested key'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigUnknownKey'
            Command = { Invoke-WithConfig (New-ConfigWith "retry:`n  maxAtempts: 3") } }
        @{ Case = 'partner tenant id not a GUID'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-BadConfig ($Valid.Replace($PartnerTenantId, 'not-a-guid'))) } }
        @{ Case = 'endpoint not a URI'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "endpoints:`n  graph: not a uri") } }
        @{ Case = 'endpoint with a non-HTTP scheme'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "endpoints:`n  partnerCenter: ftp://api.partnercenter.example/") } }
        @{ Case = 'invite duration P0D'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "invites:`n  duration: P0D") } }
        @{ Case = 'retry delay garbage'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "retry:`n  baseDelay: soon") } }
        @{ Case = 'unknown cloud'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "cloud: Mars") } }
        @{ Case = 'unknown store provider'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-BadConfig ($Valid.Replace('provider: sqlite', 'provider: oracle'))) } }
        @{ Case = 'client secret in the file'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigSecretInFile'
            Command = { Invoke-WithConfig (New-ConfigWith "auth:`n  mode: ClientSecret`n  clientId: 11111111-2222-3333-4444-555555555555`n  clientSecret: hunter2") } }
        @{ Case = 'missing partner tenant id'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigMissingValue'
            Command = { Invoke-WithConfig (New-BadConfig ($Valid -replace '(?m)^  tenantId: .*\r?\n', '')) } }
        @{ Case = 'negative compliance days'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "compliance:`n  pendingInviteDays: -3") } }
        @{ Case = 'unknown role in invite defaults'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { Invoke-WithConfig (New-ConfigWith "invites:`n  roles: [ 'Chief Everything Officer' ]") } }
        @{ Case = 'template with an unknown role'; Class = 'NewResellerInviteCommand'; ErrorId = 'TemplateRoleUnknown'
            Command = { Invoke-WithConfig (New-ConfigWith "templates:`n  - name: helpdesk`n    roles: [ 'Chief Everything Officer' ]") } }
        @{ Case = 'template without roles'; Class = 'NewResellerInviteCommand'; ErrorId = 'TemplateNoRoles'
            Command = { Invoke-WithConfig (New-ConfigWith "templates:`n  - name: helpdesk`n    roles: []") } }
        @{ Case = 'two templates with one name'; Class = 'NewResellerInviteCommand'; ErrorId = 'TemplateDuplicateName'
            Command = { Invoke-WithConfig (New-ConfigWith "templates:`n  - name: helpdesk`n    roles: [ 'Directory Readers' ]`n  - name: helpdesk`n    roles: [ 'Directory Readers' ]") } }
        @{ Case = 'template group id not a GUID'; Class = 'NewResellerInviteCommand'; ErrorId = 'TemplateGroupIdInvalid'
            Command = { Invoke-WithConfig (New-ConfigWith "templates:`n  - name: helpdesk`n    roles: [ 'Directory Readers' ]`n    groups:`n      - id: not-a-guid`n        roles: [ 'Directory Readers' ]") } }
        @{ Case = 'configuration file missing'; Class = 'NewResellerInviteCommand'; ErrorId = 'ConfigFileNotFound'
            Command = { Invoke-WithConfig (Join-Path $Folder 'nowhere.yaml') } }

        # --- New-ResellerInvite inputs ---
        @{ Case = 'invalid email'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidCustomerEmail'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'not-an-email' -ConfigPath $Config } }
        @{ Case = 'two email addresses'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidCustomerEmail'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'a@contoso.com, b@contoso.com' -ConfigPath $Config } }
        @{ Case = 'blank customer name'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidCustomerName'
            Command = { New-ResellerInvite -CustomerName '   ' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config } }
        @{ Case = 'CR/LF in the email'; Class = 'NewResellerInviteCommand'; ErrorId = 'HeaderInjection'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail "admin@contoso.com`r`nBcc: evil@example.com" -ConfigPath $Config } }
        @{ Case = 'LF in the email'; Class = 'NewResellerInviteCommand'; ErrorId = 'HeaderInjection'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail "admin@contoso.com`nBcc: evil@example.com" -ConfigPath $Config } }
        @{ Case = 'CR/LF in the subject'; Class = 'NewResellerInviteCommand'; ErrorId = 'HeaderInjection'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Subject "Hi`r`nBcc: evil@example.com" -ConfigPath $Config } }
        @{ Case = 'CR in the subject'; Class = 'NewResellerInviteCommand'; ErrorId = 'HeaderInjection'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Subject "Hi`rBcc: evil@example.com" -ConfigPath $Config } }
        @{ Case = 'CR/LF in the customer name (goes into the subject)'; Class = 'NewResellerInviteCommand'; ErrorId = 'HeaderInjection'
            Command = { New-ResellerInvite -CustomerName "Contoso`r`nBcc: evil@example.com" -CustomerEmail 'admin@contoso.com' -ConfigPath $Config } }
        @{ Case = 'CR in the subject line of a template file'; Class = 'NewResellerInviteCommand'; ErrorId = 'InviteTemplateInvalid'
            Command = {
                $path = Join-Path $Folder 'crlf-template.txt'
                "Subject: Hi {CustomerName}`rBcc: evil@example.com`n`nFollow {Link}." | Set-Content $path -NoNewline
                New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -TemplatePath $path -ConfigPath $Config } }
        @{ Case = '100 KB customer name'; Class = 'NewResellerInviteCommand'; ErrorId = 'InputTooLong'
            Command = { New-ResellerInvite -CustomerName $Huge -CustomerEmail 'admin@contoso.com' -ConfigPath $Config } }
        @{ Case = '100 KB subject'; Class = 'NewResellerInviteCommand'; ErrorId = 'InputTooLong'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Subject $Huge -ConfigPath $Config } }
        @{ Case = '100 KB body'; Class = 'NewResellerInviteCommand'; ErrorId = 'InputTooLong'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Body ($Huge + ' {Link}') -ConfigPath $Config } }
        @{ Case = '100 KB email'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidCustomerEmail'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail ($Huge + '@contoso.com') -ConfigPath $Config } }
        @{ Case = 'unknown placeholder'; Class = 'NewResellerInviteCommand'; ErrorId = 'InviteTemplateUnknownPlaceholder'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Subject 'Hello {Nmae}' -ConfigPath $Config } }
        @{ Case = 'body without the link'; Class = 'NewResellerInviteCommand'; ErrorId = 'InviteTemplateMissingLink'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Body 'No link here' -ConfigPath $Config } }
        @{ Case = 'template file without the link'; Class = 'NewResellerInviteCommand'; ErrorId = 'InviteTemplateMissingLink'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -TemplatePath $Template -ConfigPath $Config } }
        @{ Case = 'nonexistent template file'; Class = 'NewResellerInviteCommand'; ErrorId = 'InviteTemplateNotFound'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -TemplatePath (Join-Path $Folder 'missing.txt') -ConfigPath $Config } }
        @{ Case = 'unwritable draft path'; Class = 'NewResellerInviteCommand'; ErrorId = 'InviteFolderNotFound'
            Command = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -OutFile (Join-Path $Blocker 'sub/contoso.eml') -ConfigPath $Config } }
        @{ Case = 'granular: customer tenant id not a GUID'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidCustomerTenantId'; Remote = $true
            Command = { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -CustomerTenantId 'nope' -Role 'Directory Readers' -ConfigPath $Config } }
        @{ Case = 'granular: unknown role'; Class = 'NewResellerInviteCommand'; ErrorId = 'UnknownRole'; Remote = $true
            Command = { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Role 'Chief Everything Officer' -ConfigPath $Config } }
        @{ Case = 'granular: duration P0D'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidRelationshipDuration'; Remote = $true
            Command = { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Role 'Directory Readers' -Duration P0D -ConfigPath $Config } }
        @{ Case = 'granular: duration P731D'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidRelationshipDuration'; Remote = $true
            Command = { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Role 'Directory Readers' -Duration P731D -ConfigPath $Config } }
        @{ Case = 'granular: duration garbage'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidRelationshipDuration'; Remote = $true
            Command = { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Role 'Directory Readers' -Duration 'two weeks' -ConfigPath $Config } }
        @{ Case = 'granular: CR/LF in the relationship name'; Class = 'NewResellerInviteCommand'; ErrorId = 'InvalidRelationshipDisplayName'; Remote = $true
            Command = { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -Role 'Directory Readers' -RelationshipName "GDAP`r`nX-Evil: 1" -ConfigPath $Config } }

        # --- listing, removing, syncing ---
        @{ Case = 'Get-ResellerInvite -OlderThan garbage'; Class = 'GetResellerInviteCommand'; ErrorId = 'ParameterArgumentTransformationError'; Binding = $true
            Command = { Get-ResellerInvite -OlderThan 'garbage' -ConfigPath $Config } }
        @{ Case = 'Get-ResellerInvite -OlderThan a bare number (unit unknown)'; Class = 'GetResellerInviteCommand'; ErrorId = 'ParameterArgumentTransformationError'; Binding = $true
            Command = { Get-ResellerInvite -OlderThan 14 -ConfigPath $Config } }
        @{ Case = 'Wait-ResellerInvite -Timeout with an unknown unit'; Class = 'WaitResellerInviteCommand'; ErrorId = 'ParameterArgumentTransformationError'; Binding = $true
            Command = { Wait-ResellerInvite -Id ([guid]::NewGuid()) -Timeout '5 fortnights' -ConfigPath $Config } }
        @{ Case = 'Get-ResellerInvite -Status not a status'; Class = 'GetResellerInviteCommand'; ErrorId = 'CannotConvertArgumentNoMessage'; Binding = $true
            Command = { Get-ResellerInvite -Status 'Bogus' -ConfigPath $Config } }
        @{ Case = 'Get-ResellerInvite -Id not a GUID'; Class = 'GetResellerInviteCommand'; ErrorId = 'CannotConvertArgumentNoMessage'; Binding = $true
            Command = { Get-ResellerInvite -Id 'zzz' -ConfigPath $Config } }
        @{ Case = 'Remove-ResellerInvite on an unknown id'; Class = 'RemoveResellerInviteCommand'; ErrorId = 'InviteNotFound'
            Command = { Remove-ResellerInvite -Id ([guid]::NewGuid()) -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Remove-ResellerInvite -Id not a GUID'; Class = 'RemoveResellerInviteCommand'; ErrorId = 'CannotConvertArgumentNoMessage'; Binding = $true
            Command = { Remove-ResellerInvite -Id 'zzz' -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Sync-ResellerInvite on an unknown id'; Class = 'SyncResellerInviteCommand'; ErrorId = 'InviteNotFound'; Remote = $true
            Command = { Sync-ResellerInvite -Id ([guid]::NewGuid()) -ConfigPath $Config } }

        # --- customers, permissions, support contacts ---
        @{ Case = 'Get-PartnerCustomer -TenantId not a GUID'; Class = 'GetPartnerCustomerCommand'; ErrorId = 'InvalidCustomerTenantId'; Remote = $true
            Command = { Get-PartnerCustomer -TenantId 'not-a-guid' -ConfigPath $Config } }
        @{ Case = 'Remove-CustomerRelationship: tenant id not a GUID'; Class = 'RemoveCustomerRelationshipCommand'; ErrorId = 'InvalidCustomerTenantId'; Remote = $true
            Command = { Remove-CustomerRelationship -CustomerTenantId 'not-a-guid' -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Remove-CustomerRelationship: unknown customer'; Class = 'RemoveCustomerRelationshipCommand'; ErrorId = 'NothingToRemove'; Remote = $true
            Command = { Remove-CustomerRelationship -CustomerTenantId ([guid]::NewGuid()) -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Set-AdminPermission: security group not a GUID'; Class = 'SetAdminPermissionCommand'; ErrorId = 'InvalidSecurityGroupId'; Remote = $true
            Command = { Set-AdminPermission -CustomerTenantId $Customer -SecurityGroupId 'not-a-guid' -Role 'Directory Readers' -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Set-AdminPermission: tenant id not a GUID'; Class = 'SetAdminPermissionCommand'; ErrorId = 'InvalidCustomerTenantId'; Remote = $true
            Command = { Set-AdminPermission -CustomerTenantId 'not-a-guid' -SecurityGroupId ([guid]::NewGuid()) -Role 'Directory Readers' -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Set-AdminPermission: unknown role'; Class = 'SetAdminPermissionCommand'; ErrorId = 'UnknownRole'; Remote = $true
            Command = { Set-AdminPermission -CustomerTenantId $Customer -SecurityGroupId ([guid]::NewGuid()) -Role 'Chief Everything Officer' -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Get-AdminPermission: tenant id not a GUID'; Class = 'GetAdminPermissionCommand'; ErrorId = 'InvalidCustomerTenantId'; Remote = $true
            Command = { Get-AdminPermission -CustomerTenantId 'not-a-guid' -ConfigPath $Config } }
        @{ Case = 'Set-CustomerSupportContact: tenant id not a GUID'; Class = 'SetCustomerSupportContactCommand'; ErrorId = 'InvalidCustomerTenantId'; Remote = $true
            Command = { Set-CustomerSupportContact -CustomerTenantId 'not-a-guid' -SupportTenantId ([guid]::NewGuid()) -SupportMpnId '1234567' -SupportName 'Helpdesk' -ConfigPath $Config -Confirm:$false } }
        @{ Case = 'Set-CustomerSupportContact: CR/LF in the name'; Class = 'SetCustomerSupportContactCommand'; ErrorId = 'InvalidSupportContact'; Remote = $true
            Command = { Set-CustomerSupportContact -CustomerTenantId $Customer -SupportTenantId ([guid]::NewGuid()) -SupportMpnId '1234567' -SupportName "Help`r`nX-Evil: 1" -ConfigPath $Config -Confirm:$false } }

        # --- compliance ---
        @{ Case = 'unknown compliance rule'; Class = 'TestPartnerComplianceCommand'; ErrorId = 'UnknownComplianceRule'; Remote = $true
            Command = { Test-PartnerCompliance -Rule 'NoSuchRule' -ConfigPath $Config } }
        @{ Case = 'unknown report format'; Class = 'TestPartnerComplianceCommand'; ErrorId = 'CannotConvertArgumentNoMessage'; Binding = $true; Remote = $true
            Command = { Test-PartnerCompliance -ReportFormat 'Pdf' -ReportPath (Join-Path $Folder 'r.pdf') -ConfigPath $Config } }
        @{ Case = 'unwritable report path'; Class = 'TestPartnerComplianceCommand'; ErrorId = 'ReportWriteFailed'; Remote = $true
            Command = { Test-PartnerCompliance -ReportPath (Join-Path $Blocker 'sub/report.json') -ConfigPath $Config } }

        # --- configuration and store files the user names ---
        @{ Case = 'New-PartnerRelationshipConfig: tenant id not a GUID'; Class = 'NewPartnerRelationshipConfigCommand'; ErrorId = 'ConfigInvalidValue'
            Command = { New-PartnerRelationshipConfig -Path (Join-Path $Folder 'new.yaml') -PartnerTenantId 'not-a-guid' -PartnerId '1234567' -PartnerName 'Fabrikam' } }
        @{ Case = 'New-PartnerRelationshipConfig: unwritable path'; Class = 'NewPartnerRelationshipConfigCommand'; ErrorId = 'ConfigPathNotWritable'
            Command = { New-PartnerRelationshipConfig -Path (Join-Path $Blocker 'sub/new.yaml') -PartnerTenantId $PartnerTenantId -PartnerId '1234567' -PartnerName 'Fabrikam' } }
        @{ Case = 'Copy-PartnerRelationshipStore: unwritable destination'; Class = 'CopyPartnerRelationshipStoreCommand'; ErrorId = 'StorePathNotWritable'
            Command = { Copy-PartnerRelationshipStore -Source $Config -Destination (New-BadConfig ($Valid.Replace('STORE', (Join-Path $Blocker 'sub/copy.db')))) -Confirm:$false } }
    ) {
        $storeBefore = Get-StoreFingerprint
        $sandboxBefore = Get-SandboxFingerprint

        $failure = $null
        $output = $null
        try {
            $ErrorActionPreference = 'Stop'
            $output = & $Command
        }
        catch { $failure = $_ }
        finally { $ErrorActionPreference = 'Continue' }

        $output | Should -BeNullOrEmpty -Because 'a rejected input produces no object'
        $failure | Should -Not -BeNullOrEmpty -Because 'the input is bad'
        $failure.FullyQualifiedErrorId | Should -Be "$ErrorId,PartnerRelationships.PowerShell.Cmdlets.$Class"
        $failure.Exception.Message | Should -Not -BeNullOrEmpty
        $failure.Exception.Message | Should -Not -Match '   at ' -Because 'no stack trace reaches the user'
        $failure.Exception.Message | Should -Not -Match 'UnexpectedError'
        if ($Binding) {
            # PowerShell's own binder rejects it before the cmdlet runs; its error id and message are stable and name the parameter.
            $failure.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        }
        else {
            $failure.Exception.GetType().FullName | Should -Be 'PartnerRelationships.PowerShell.Infrastructure.PartnerRelationshipsErrorException'
            $failure.TargetObject | Should -Not -BeNullOrEmpty -Because 'the record names what was wrong'
        }

        Get-StoreFingerprint | Should -Be $storeBefore -Because 'nothing is recorded for a bad input'
        if ($Remote) { Get-SandboxFingerprint | Should -Be $sandboxBefore -Because 'nothing changes at the service for a bad input' }
    }

    It 'has at least 45 rows' {
        # Counted from this file so the table cannot silently shrink below what issue 7 asks for.
        $rows = ([regex]::Matches((Get-Content (Join-Path $PSScriptRoot 'BadInput.Tests.ps1') -Raw), "(?m)^\s+@\{ Case = ")).Count
        $rows | Should -BeGreaterOrEqual 45
    }
}
