# The help generator stands in for platyPS: it must refuse incomplete sources, so no cmdlet ships without help.
BeforeAll {
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $script:Generator = Join-Path $script:Root 'build/help/New-MamlHelp.ps1'
    $script:Sources = Join-Path $script:Root 'docs/help'
    $script:ModuleManifest = if ($env:PARTNERRELATIONSHIPS_MODULE) { $env:PARTNERRELATIONSHIPS_MODULE } else {
        Join-Path $script:Root 'out/PartnerRelationships/PartnerRelationships.psd1'
    }
    . (Join-Path $PSScriptRoot '../Pester/Common.ps1')

    # Runs the generator in a child pwsh over a copy of the sources changed by $Edit; returns exit code and errors.
    function Invoke-Generator([scriptblock] $Edit) {
        $work = Join-Path ([IO.Path]::GetTempPath()) ("pr-help-" + [guid]::NewGuid().ToString('n'))
        $sources = Join-Path $work 'md'
        New-Item -ItemType Directory $sources | Out-Null
        Copy-Item (Join-Path $script:Sources '*.md') $sources
        if ($Edit) { & $Edit $sources }
        $output = Join-Path $work 'out/help.xml'
        $errors = Invoke-Pwsh -NoProfile -NonInteractive -File $script:Generator -ModulePath $script:ModuleManifest `
            -MarkdownFolder $sources -OutputPath $output 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or "$_" -like 'help:*' }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Errors = ($errors | Out-String); Output = $output; Work = $work }
    }
}

Describe 'New-MamlHelp' {
    It 'writes MAML for every exported cmdlet from the repository sources' {
        $run = Invoke-Generator
        try {
            $run.ExitCode | Should -Be 0
            [xml] $xml = Get-Content $run.Output -Raw
            $names = $xml.helpItems.command.details.name
            $exported = (Import-PowerShellDataFile $script:ModuleManifest).CmdletsToExport
            $names | Sort-Object | Should -Be ($exported | Sort-Object)
        }
        finally { Remove-Item $run.Work -Recurse -Force }
    }

    It 'fails naming the parameter when one is undocumented' {
        $run = Invoke-Generator {
            param($folder)
            $file = Join-Path $folder 'Get-ResellerInvite.md'
            $text = (Get-Content $file -Raw) -replace '(?ms)^### -OlderThan.*?(?=^### )', ''
            Set-Content $file $text
        }
        try {
            $run.ExitCode | Should -Not -Be 0
            $run.Errors | Should -Match 'OlderThan'
            Test-Path $run.Output | Should -BeFalse
        }
        finally { Remove-Item $run.Work -Recurse -Force }
    }

    It 'fails when a cmdlet has no example' {
        $run = Invoke-Generator {
            param($folder)
            $file = Join-Path $folder 'Get-ResellerInvite.md'
            $text = (Get-Content $file -Raw) -replace '(?ms)^## EXAMPLES.*?(?=^## PARAMETERS)', ''
            Set-Content $file $text
        }
        try {
            $run.ExitCode | Should -Not -Be 0
            $run.Errors | Should -Match 'no example'
        }
        finally { Remove-Item $run.Work -Recurse -Force }
    }

    It 'fails when a cmdlet has no help source at all' {
        $run = Invoke-Generator { param($folder) Remove-Item (Join-Path $folder 'New-ResellerInvite.md') }
        try {
            $run.ExitCode | Should -Not -Be 0
            $run.Errors | Should -Match 'New-ResellerInvite: no help source'
        }
        finally { Remove-Item $run.Work -Recurse -Force }
    }

    It 'fails when a source documents a parameter the cmdlet lacks' {
        $run = Invoke-Generator {
            param($folder)
            Add-Content (Join-Path $folder 'Get-ResellerInvite.md') "`n## PARAMETERS`n`n### -Bogus`nNot real."
        }
        try {
            $run.ExitCode | Should -Not -Be 0
            $run.Errors | Should -Match 'Bogus'
        }
        finally { Remove-Item $run.Work -Recurse -Force }
    }
}
