BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:CommandId = 'PartnerRelationships.PowerShell.Cmdlets.NewResellerInviteCommand'
}

Describe 'New-ResellerInvite' {
    BeforeEach {
        $script:Folder = New-TestFolder
        $script:Config = New-TestConfig -Folder $script:Folder
    }
    AfterEach { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'writes a draft with the link personalised to the partner and records it as Pending' {
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config
        # Core's types live in the module's private load context, so compare names rather than resolve the type.
        $invite.GetType().FullName | Should -Be 'PartnerRelationships.Core.Invites.ResellerInvite'
        $invite.Status | Should -Be 'Pending'
        $invite.Kind | Should -Be 'Reseller'
        # request-reseller-relationship's shape: the partner's tenant GUID, msppId=0, DAP=false.
        $invite.Link | Should -Match "invType=ResellerRelationship&partnerId=$PartnerTenantId&msppId=0&DAP=false#"
        $invite.Body | Should -Match ([regex]::Escape($invite.Link))
        $invite.Body | Should -Match 'Contoso'
        $invite.Body | Should -Match 'Fabrikam Cloud Services'
        $invite.MailtoUri | Should -BeLike 'mailto:admin@contoso.com?subject=*&body=*'
        $stored = Get-ResellerInvite -Id $invite.Id -ConfigPath $script:Config
        $stored.CustomerEmail | Should -Be 'admin@contoso.com'
        $stored.Status | Should -Be 'Pending'
    }

    It 'warns and returns the pending invite when the same address is invited again; -AllowDuplicate records another' {
        $first = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config
        $again = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'ADMIN@contoso.com' -ConfigPath $script:Config -WarningVariable warned -WarningAction SilentlyContinue
        $again.Id | Should -Be $first.Id
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -BeLike "*already pending*$($first.Id)*-AllowDuplicate*"
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 1

        $another = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -AllowDuplicate -WarningVariable none
        $another.Id | Should -Not -Be $first.Id
        $none.Count | Should -Be 0
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 2
    }

    It 'refuses a device as -OutFile even with -Force, recording nothing' -Skip:$IsWindows {
        $failures = @()
        New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -OutFile /dev/null -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be "InviteFileNotRegular,$script:CommandId"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 0
        (Get-Item /dev/null).UnixMode | Should -BeLike 'c*'
    }

    It 'uses the indirect reseller variant of the link when the config names a reseller' {
        $config = New-TestConfig -Folder $script:Folder -IndirectResellerTenantId '7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b' -IndirectResellerMpnId '7654321'
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $config
        $invite.Link | Should -Match "invType=IndirectResellerRelationship&partnerId=7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b&msppId=7654321&indirectCSPId=$PartnerTenantId&DAP=false#"
    }

    It 'asks for legacy full admin (DAP=true) only when the configuration says so' {
        $config = New-TestConfig -Folder $script:Folder -Extra "invites:`n  requestDelegatedAdmin: true`n  showMpnIdInLink: true"
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $config
        $invite.Link | Should -Match "partnerId=$PartnerTenantId&msppId=$PartnerId&DAP=true#"
    }

    It 'takes the subject and body given, filling in placeholders' {
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config `
            -Subject '{PartnerName} for {CustomerName}' -Message "Hi {CustomerName},`nplease accept: {Link}"
        $invite.Subject | Should -Be 'Fabrikam Cloud Services for Contoso'
        $invite.Body | Should -BeLike "Hi Contoso,*please accept: https://*partnerId=$PartnerTenantId*"
    }

    It 'reads a template file' {
        $template = Join-Path $script:Folder 'template.txt'
        "Subject: Hello {CustomerName}`n`nDear {CustomerName}, follow {Link} to work with {PartnerName}." | Set-Content $template
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -TemplatePath $template
        $invite.Subject | Should -Be 'Hello Contoso'
        $invite.Body | Should -BeLike 'Dear Contoso, follow https://*'
    }

    It 'writes an .eml draft that a mail client opens as unsent' {
        $eml = Join-Path $script:Folder 'contoso.eml'
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -OutFile $eml
        $invite.DraftFile | Should -Be $eml
        $raw = [IO.File]::ReadAllText($eml)
        $raw | Should -Match "(?m)^To: admin@contoso.com\r$"
        $raw | Should -Match "(?m)^X-Unsent: 1\r$"
        $raw | Should -Match "(?m)^MIME-Version: 1.0\r$"
        $raw -replace "`r`n", '' | Should -Not -Match "`n"
    }

    It 'writes one .eml per customer into a folder, from a CSV on the pipeline' {
        $csv = Join-Path $script:Folder 'customers.csv'
        @'
CustomerName,CustomerEmail
Contoso,admin@contoso.com
Northwind Traders,it@northwind.example
Tailspin Toys,ops@tailspin.example
'@ | Set-Content $csv
        $drafts = New-Item -ItemType Directory (Join-Path $script:Folder 'drafts')
        $invites = Import-Csv $csv | New-ResellerInvite -ConfigPath $script:Config -OutFile $drafts.FullName
        $invites.Count | Should -Be 3
        @(Get-ChildItem $drafts -Filter *.eml).Count | Should -Be 3
        (Get-ResellerInvite -ConfigPath $script:Config).CustomerName | Should -Be @('Contoso', 'Northwind Traders', 'Tailspin Toys')
    }

    It 'refuses customers from a CSV piped to -OutFile ./drafts when there is no drafts folder, up front, with nothing recorded or written' {
        $csv = Join-Path $script:Folder 'customers.csv'
        "CustomerName,CustomerEmail`nContoso,admin@contoso.com`nNorthwind Traders,it@northwind.example" | Set-Content $csv
        Push-Location $script:Folder
        try {
            $err = { Import-Csv $csv | New-ResellerInvite -ConfigPath $script:Config -OutFile ./drafts -ErrorAction Stop } |
                Should -Throw -ErrorId "InviteOutFileNotFolder,$script:CommandId" -PassThru
        }
        finally { Pop-Location }
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match "drafts' is not a folder.*New-Item -ItemType Directory '[^']*drafts'.*end the path with '/'.*Nothing was recorded"
        Test-Path (Join-Path $script:Folder 'drafts') | Should -BeFalse
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'creates the drafts folder when the path ends with a slash, one draft per customer' {
        $csv = Join-Path $script:Folder 'customers.csv'
        "CustomerName,CustomerEmail`nContoso,admin@contoso.com`nNorthwind Traders,it@northwind.example" | Set-Content $csv
        Push-Location $script:Folder
        try { $invites = @(Import-Csv $csv | New-ResellerInvite -ConfigPath $script:Config -OutFile ./drafts/) }
        finally { Pop-Location }
        $invites.Count | Should -Be 2
        (Get-ChildItem (Join-Path $script:Folder 'drafts') -Filter *.eml).Name | Sort-Object | Should -Be @('Contoso.eml', 'Northwind-Traders.eml')
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 2
    }

    It 'refuses to overwrite an .eml without -Force and records nothing' {
        $eml = Join-Path $script:Folder 'contoso.eml'
        Set-Content $eml 'keep'
        { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -OutFile $eml -ErrorAction Stop } |
            Should -Throw -ErrorId "InviteFileExists,$script:CommandId"
        Get-Content $eml | Should -Be 'keep'
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'rejects <Case> with <ErrorId> and records nothing' -ForEach @(
        @{ Case = 'an invalid email'; Name = 'Contoso'; Email = 'not-an-email'; Subject = $null; ErrorId = 'InvalidCustomerEmail' }
        @{ Case = 'two addresses'; Name = 'Contoso'; Email = 'a@contoso.com, b@contoso.com'; Subject = $null; ErrorId = 'InvalidCustomerEmail' }
        @{ Case = 'a blank name'; Name = '   '; Email = 'admin@contoso.com'; Subject = $null; ErrorId = 'InvalidCustomerName' }
        @{ Case = 'CR/LF in the email'; Name = 'Contoso'; Email = "admin@contoso.com`r`nBcc: evil@example.com"; Subject = $null; ErrorId = 'HeaderInjection' }
        @{ Case = 'CR/LF in the subject'; Name = 'Contoso'; Email = 'admin@contoso.com'; Subject = "Hi`r`nBcc: evil@example.com"; ErrorId = 'HeaderInjection' }
        @{ Case = 'an unknown placeholder'; Name = 'Contoso'; Email = 'admin@contoso.com'; Subject = 'Hello {Nmae}'; ErrorId = 'InviteTemplateUnknownPlaceholder' }
    ) {
        $arguments = @{ CustomerName = $Name; CustomerEmail = $Email; ConfigPath = $script:Config; ErrorAction = 'Stop' }
        if ($Subject) { $arguments.Subject = $Subject }
        { New-ResellerInvite @arguments } | Should -Throw -ErrorId "$ErrorId,$script:CommandId"
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'rejects a body that drops the link' {
        { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -Body 'No link here' -ErrorAction Stop } |
            Should -Throw -ErrorId "InviteTemplateMissingLink,$script:CommandId"
    }

    It 'goes on with the next customer after a bad row' {
        $rows = @(
            [pscustomobject]@{ CustomerName = 'Good One'; CustomerEmail = 'one@good.example' }
            [pscustomobject]@{ CustomerName = 'Bad'; CustomerEmail = 'bad' }
            [pscustomobject]@{ CustomerName = 'Good Two'; CustomerEmail = 'two@good.example' }
        )
        $invites = $rows | New-ResellerInvite -ConfigPath $script:Config -ErrorAction SilentlyContinue -ErrorVariable failures
        $invites.CustomerName | Should -Be @('Good One', 'Good Two')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCustomerEmail,$script:CommandId"
    }

    It 'records nothing with -WhatIf' {
        New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -WhatIf
        @(Get-ResellerInvite -ConfigPath $script:Config).Count | Should -Be 0
    }

    It 'says how to create a configuration when there is none' {
        $env:PARTNERRELATIONSHIPS_CONFIG = $null
        $saved = $env:XDG_CONFIG_HOME
        $env:XDG_CONFIG_HOME = Join-Path $script:Folder 'empty'
        try {
            $err = { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ErrorAction Stop } |
                Should -Throw -ErrorId "ConfigNotFound,$script:CommandId" -PassThru
            $err.Exception.Message | Should -Match 'New-PartnerRelationshipConfig'
        }
        finally { $env:XDG_CONFIG_HOME = $saved }
    }

    It 'reports an unwritable store path' {
        $blocker = Join-Path $script:Folder 'a-file'
        Set-Content $blocker 'x'
        $config = New-TestConfig -Folder $script:Folder -Extra ''
        (Get-Content $config -Raw).Replace((Join-Path $script:Folder 'store.db'), (Join-Path $blocker 'sub/store.db')) | Set-Content $config
        { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $config -ErrorAction Stop } |
            Should -Throw -ErrorId "StorePathNotWritable,$script:CommandId"
    }

    It 'copies the draft to the clipboard or says clearly why it cannot' {
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config -CopyToClipboard -ErrorAction SilentlyContinue -ErrorVariable clip
        $invite.Status | Should -Be 'Pending'
        if ($clip) {
            $clip[0].FullyQualifiedErrorId | Should -Be "ClipboardUnavailable,$script:CommandId"
            $clip[0].Exception.Message | Should -Match 'recorded'
        }
        else {
            Get-Clipboard -Raw | Should -Match ([regex]::Escape($invite.Link))
        }
    }

    It 'keeps every invite when two processes record at once' {
        $script = @'
param($Module, $Config, $Prefix)
Import-Module $Module
1..15 | ForEach-Object { [pscustomobject]@{ CustomerName = "$Prefix $_"; CustomerEmail = "c$_@$Prefix.example" } } | New-ResellerInvite -ConfigPath $Config | Out-Null
'@
        $scriptFile = Join-Path $script:Folder 'writer.ps1'
        Set-Content $scriptFile $script
        $writers = 'alpha', 'beta' | ForEach-Object {
            Start-Process $script:PwshCommand[0] -ArgumentList (@($script:PwshCommand | Select-Object -Skip 1) + '-NoProfile', '-NonInteractive', '-File', $scriptFile, $script:ModuleManifest, $script:Config, $_) -PassThru -NoNewWindow
        }
        $writers | Wait-Process -Timeout 120
        $writers | ForEach-Object { $_.ExitCode | Should -Be 0 }
        $all = Get-ResellerInvite -ConfigPath $script:Config
        $all.Count | Should -Be 30
        ($all.Id | Sort-Object -Unique).Count | Should -Be 30
    }
}

Describe 'New-ResellerInvite -Kind GranularAdmin' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
        $script:Sandbox = Start-TestSandbox
        $script:HelpdeskAdministrator = '729827e3-9c14-49f7-bb1b-9608f156bbb8'
        $script:DirectoryReaders = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b'

        # A runbook's configuration with granular invite defaults.
        function New-RunbookConfig([string] $Folder, [string] $Invites = "invites:`n  roles: [ 'Directory Readers' ]`n  duration: P365D") {
            New-SandboxConfig -Folder $Folder -Extra $Invites -Sandbox $Sandbox
        }

        function Get-SandboxRelationshipCount { (Invoke-SandboxControl -Path 'state').relationships }
    }
    AfterAll {
        Disconnect-PartnerRelationship
        Stop-TestSandbox $script:Sandbox
    }
    BeforeEach {
        Disconnect-PartnerRelationship
        $script:Folder = New-TestFolder
        $script:Config = New-RunbookConfig $script:Folder
        $env:PR_TEST_SECRET = $Sandbox.ClientSecret
    }
    AfterEach {
        Disconnect-PartnerRelationship
        $env:PR_TEST_SECRET = $null
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'creates the relationship from the configured defaults, locks it and puts the approval link in the draft' {
        $invite = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config

        $invite.GetType().FullName | Should -Be 'PartnerRelationships.Core.Invites.ResellerInvite'
        $invite.Kind | Should -Be 'GranularAdmin'
        $invite.Status | Should -Be 'Pending'
        $invite.RelationshipId | Should -Not -BeNullOrEmpty
        $invite.RelationshipDisplayName | Should -Be "Contoso $([DateTime]::UtcNow.ToString('yyyy-MM-dd'))"
        $invite.Link | Should -BeLike "https://admin.microsoft.com/*granularAdminRelationships/$($invite.RelationshipId)"
        $invite.Body | Should -Match ([regex]::Escape($invite.Link))
        $invite.Body | Should -Match 'Directory Readers'
        $invite.Body | Should -Match '365 days'

        $null = Invoke-SandboxControl -Method Post -Path 'process' # the request starts created; the service moves the relationship afterwards
        $remote = Get-SandboxRelationship $invite.RelationshipId
        $remote.status | Should -Be 'approvalPending'
        $remote.displayName | Should -Be $invite.RelationshipDisplayName
        $remote.duration | Should -Be 'P365D'
        $remote.accessDetails.unifiedRoles.roleDefinitionId | Should -Be $DirectoryReaders

        $stored = Get-ResellerInvite -Id $invite.Id -ConfigPath $Config
        $stored.Link | Should -Be $invite.Link
        $stored.RelationshipId | Should -Be $invite.RelationshipId
    }

    It 'returns the invite awaiting approval when the same customer is invited for the same access again; other roles or -AllowDuplicate create another' {
        $first = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Northwind' -CustomerEmail 'it@northwind.example' -ConfigPath $Config
        $before = Get-SandboxRelationshipCount

        # A batch run twice: at once, and once the service has locked the first for approval.
        $again = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Northwind' -CustomerEmail 'IT@northwind.example' -ConfigPath $Config -WarningVariable warned -WarningAction SilentlyContinue
        $null = Invoke-SandboxControl -Method Post -Path 'process'
        $later = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Northwind' -CustomerEmail 'it@northwind.example' -ConfigPath $Config -WarningAction SilentlyContinue

        $again.Id | Should -Be $first.Id
        $later.Id | Should -Be $first.Id
        $again.Link | Should -Be $first.Link
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -BeLike "An invite to it@northwind.example for the same access already awaits approval (relationship '$($first.RelationshipDisplayName)'*$($first.Id)); no relationship was created*-AllowDuplicate to create another."
        Get-SandboxRelationshipCount | Should -Be $before
        @(Get-ResellerInvite -ConfigPath $Config | Where-Object CustomerName -EQ 'Northwind').Count | Should -Be 1

        $otherRoles = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Northwind' -CustomerEmail 'it@northwind.example' -ConfigPath $Config -Role 'User Administrator' -RelationshipName 'Northwind users' -WarningVariable none1
        $allowed = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Northwind' -CustomerEmail 'it@northwind.example' -ConfigPath $Config -RelationshipName 'Northwind again' -AllowDuplicate -WarningVariable none2
        @($first.Id, $otherRoles.Id, $allowed.Id | Sort-Object -Unique).Count | Should -Be 3
        @($none1).Count + @($none2).Count | Should -Be 0
        Get-SandboxRelationshipCount | Should -Be ($before + 2)
    }

    It 'takes the name, roles by name or id, a duration as ISO or time span, and auto-extend' {
        $tenant = [guid]::NewGuid().ToString()
        $first = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Fabrikam' -CustomerEmail 'it@fabrikam.example' -ConfigPath $Config `
            -RelationshipName 'Fabrikam helpdesk' -Role 'helpdesk administrator', $DirectoryReaders -Duration P90D -AutoExtend -CustomerTenantId $tenant
        $remote = Get-SandboxRelationship $first.RelationshipId
        $remote.displayName | Should -Be 'Fabrikam helpdesk'
        @($remote.accessDetails.unifiedRoles.roleDefinitionId) | Should -Be @($HelpdeskAdministrator, $DirectoryReaders)
        $remote.duration | Should -Be 'P90D'
        $remote.autoExtendDuration | Should -Be 'P180D'
        $remote.customer.tenantId | Should -Be $tenant
        $first.CustomerTenantId | Should -Be $tenant

        $second = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Tailspin' -CustomerEmail 'it@tailspin.example' -ConfigPath $Config -Duration (New-TimeSpan -Days 30)
        (Get-SandboxRelationship $second.RelationshipId).duration | Should -Be 'P30D'
        (Get-SandboxRelationship $second.RelationshipId).autoExtendDuration | Should -Be 'PT0S'
    }

    It 'creates nothing at the services nor in the store with -WhatIf' {
        $before = Get-SandboxRelationshipCount
        # What-if lines go to the host, so run it in a child PowerShell and read what it printed.
        $text = Invoke-Pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso WhatIf' -CustomerEmail 'admin@contoso.com' -ConfigPath '$Config' -Role 'Global Reader' -WhatIf" | Out-String
        $LASTEXITCODE | Should -Be 0
        $text = $text -replace '\s+', ' '
        $text | Should -Match "Create granular admin relationship 'Contoso WhatIf \d{4}-\d\d-\d\d' for Contoso WhatIf with roles Global Reader for 365 days"
        Get-SandboxRelationshipCount | Should -Be $before
        @(Get-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
    }

    It 'refuses an unknown role with UnknownRole, suggests the near name and creates nothing' {
        $before = Get-SandboxRelationshipCount
        $err = { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config -Role 'Helpdesk Admin' -ErrorAction Stop } |
            Should -Throw -ErrorId "UnknownRole,$CommandId" -PassThru
        $err.Exception.Message | Should -Match "Did you mean 'Helpdesk Administrator'"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-SandboxRelationshipCount | Should -Be $before
        @(Get-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
    }

    It 'refuses a duration that is not whole days within two years' -ForEach @(
        @{ Duration = 'P731D' }, @{ Duration = 'PT12H' }, @{ Duration = 'soon' }
    ) {
        { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config -Duration $Duration -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidRelationshipDuration,$CommandId"
        @(Get-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
    }

    It 'refuses auto-extend with Global Administrator' {
        { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config -Role 'Global Administrator' -AutoExtend -ErrorAction Stop } |
            Should -Throw -ErrorId "AutoExtendWithGlobalAdministrator,$CommandId"
    }

    It 'refuses granular parameters on a reseller invite' {
        { New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config -Role 'Global Reader' -ErrorAction Stop } |
            Should -Throw -ErrorId "GranularOnlyParameter,$CommandId"
        @(Get-ResellerInvite -ConfigPath $Config).Count | Should -Be 0
    }

    It 'needs a connection for granular invites only' {
        $offline = New-TestConfig -Folder $Folder
        { New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $offline -ErrorAction Stop } |
            Should -Throw -ErrorId "NotConnected,$CommandId"
        (New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $offline).Kind | Should -Be 'Reseller'
    }

    It 'puts the link Partner Center gives in a reseller invite when connected, and the composed one with a warning when it cannot' {
        $offline = New-ResellerInvite -CustomerName 'Offline Co' -CustomerEmail 'admin@offline.example' -ConfigPath $Config
        $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
        $fromService = (Invoke-RestMethod -Uri "$($Sandbox.Uri)v1/customers/relationshiprequests" -Headers @{ Authorization = "Bearer $($Sandbox.StaticToken)" }).url
        $fromService | Should -Be $offline.Link -Because 'both name the partner by its tenant id, in the documented shape'

        $connected = New-ResellerInvite -CustomerName 'Connected Co' -CustomerEmail 'admin@connected.example' -ConfigPath $Config -WarningVariable warnings
        $connected.Link | Should -Be $fromService
        $connected.Body | Should -Match ([regex]::Escape($fromService))
        $warnings | Should -BeNullOrEmpty

        $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{ failPathContaining = 'relationshiprequests' } -Sandbox $Sandbox
        try {
            $fallback = New-ResellerInvite -CustomerName 'Fallback Co' -CustomerEmail 'admin@fallback.example' -ConfigPath $Config -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally { $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{} -Sandbox $Sandbox }
        $fallback.Link | Should -Be $offline.Link
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'composed from the configuration'
    }

    It 'shows a new GDAP invite with what the admin needs next: the approval link, the relationship, roles and duration (<Width> columns)' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $invite = New-ResellerInvite -Kind GranularAdmin -CustomerName "Contoso Shown $Width" -CustomerEmail 'admin@contoso.com' -ConfigPath $Config `
            -Role 'Helpdesk Administrator', 'Directory Readers' -Duration P365D
        $text = $invite | Out-String -Width $Width
        # Rendered lines may wrap: compare the text with the wrapping taken out.
        $joined = ($text -split "`r?`n" | ForEach-Object { $_.Trim() }) -join ''
        $joined | Should -Match ([regex]::Escape("ApprovalLink  : $($invite.Link)"))
        $text | Should -Match ('Relationship\s+: ' + [regex]::Escape($invite.RelationshipDisplayName))
        $text | Should -Match 'Roles\s+: Helpdesk Administrator; Directory Readers'
        $text | Should -Match 'Duration\s+: P365D'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt $Width }) | Should -BeNullOrEmpty
        $csv = $invite | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Roles | Should -Be 'Helpdesk Administrator; Directory Readers'
        ($invite | ConvertTo-Json) | Should -Match '"Kind": "GranularAdmin"'
    }

    It 'never turns an indirect invite into a direct one when connected' {
        $indirect = New-TestConfig -Folder (New-TestFolder) -IndirectResellerTenantId '7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b' -IndirectResellerMpnId '7654321'
        $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
        $invite = New-ResellerInvite -CustomerName 'Indirect Co' -CustomerEmail 'admin@indirect.example' -ConfigPath $indirect -Verbose 4>&1 |
            Tee-Object -Variable stream | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $invite.Link | Should -Match 'invType=IndirectResellerRelationship&partnerId=7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b&msppId=7654321&indirectCSPId='
        ($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'indirect-reseller link is composed from the configuration'
    }

    It 'writes an .eml with the approval link' {
        $eml = Join-Path $Folder 'contoso.eml'
        $invite = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso Eml' -CustomerEmail 'admin@contoso.com' -ConfigPath $Config -OutFile $eml
        $invite.DraftFile | Should -Be $eml
        $raw = [IO.File]::ReadAllText($eml)
        $raw | Should -Match "(?m)^X-Unsent: 1\r$"
        ($raw -replace "=\r\n", '') | Should -Match ([regex]::Escape($invite.RelationshipId))
    }

    It 'invites customers from a CSV in bulk, counting them on a progress bar' {
        $csv = Join-Path $Folder 'customers.csv'
        @'
CustomerName,CustomerEmail,RelationshipName
Bulk One,one@bulk.example,Bulk one helpdesk
Bulk Two,two@bulk.example,
Bulk Three,three@bulk.example,Bulk three helpdesk
'@ | Set-Content $csv
        $run = Invoke-CapturingProgress "Import-Csv '$csv' | New-ResellerInvite -Kind GranularAdmin -Role 'Helpdesk Administrator' -ConfigPath '$Config'"

        $run.Errors | Should -BeNullOrEmpty
        $run.Output.CustomerName | Should -Be @('Bulk One', 'Bulk Two', 'Bulk Three')
        $run.Output[0].RelationshipDisplayName | Should -Be 'Bulk one helpdesk'
        $run.Output[1].RelationshipDisplayName | Should -BeLike 'Bulk Two 20*'
        $statuses = $run.Progress | Where-Object Activity -EQ 'Writing invites' | ForEach-Object StatusDescription
        $statuses | Should -Contain '1 invite written (Bulk One)'
        $statuses | Should -Contain '3 invites written (Bulk Three)'
        ($run.Progress | Select-Object -Last 1).RecordType | Should -Be 'Completed'
        (Get-ResellerInvite -Kind GranularAdmin -ConfigPath $Config).Count | Should -Be 3
    }

    It 'completes role names from the catalog' {
        $line = "New-ResellerInvite -Kind GranularAdmin -Role Helpdesk"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Contain "'Helpdesk Administrator'"
    }
}
