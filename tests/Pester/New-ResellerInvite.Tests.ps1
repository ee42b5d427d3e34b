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
        $invite.Link | Should -Match "partnerId=$PartnerId"
        $invite.Link | Should -Match 'invType=ResellerRelationship'
        $invite.Body | Should -Match ([regex]::Escape($invite.Link))
        $invite.Body | Should -Match 'Contoso'
        $invite.Body | Should -Match 'Fabrikam Cloud Services'
        $invite.MailtoUri | Should -BeLike 'mailto:admin@contoso.com?subject=*&body=*'
        $stored = Get-ResellerInvite -Id $invite.Id -ConfigPath $script:Config
        $stored.CustomerEmail | Should -Be 'admin@contoso.com'
        $stored.Status | Should -Be 'Pending'
    }

    It 'uses the indirect reseller variant of the link when the config names a reseller' {
        $config = New-TestConfig -Folder $script:Folder -IndirectResellerId '7654321'
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $config
        $invite.Link | Should -Match '7654321'
        $invite.Link | Should -Match "partnerId=$PartnerId"
    }

    It 'takes the subject and body given, filling in placeholders' {
        $invite = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $script:Config `
            -Subject '{PartnerName} for {CustomerName}' -Message "Hi {CustomerName},`nplease accept: {Link}"
        $invite.Subject | Should -Be 'Fabrikam Cloud Services for Contoso'
        $invite.Body | Should -BeLike "Hi Contoso,*please accept: https://*partnerId=$PartnerId*"
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
