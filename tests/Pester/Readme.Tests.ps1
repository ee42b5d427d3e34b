# The README's short tour, run as written against a sandbox: the PowerShell block of "A short tour" is taken from
# README.md itself, and only two things change: the sandbox's address (this test's sandbox listens on a free port, not
# 5099) and the module path (the module under test). It runs in a fresh pwsh whose user folders are temporary.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
    $script:Folder = New-TestFolder
    $script:Readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw

    # The fenced blocks of one README section, as (language, code) pairs.
    function Get-ReadmeBlocks([string] $Section) {
        $start = $Readme.IndexOf("## $Section`n")
        if ($start -lt 0) { throw "README.md has no section '$Section'." }
        $end = $Readme.IndexOf("`n## ", $start + 3)
        $text = if ($end -lt 0) { $Readme.Substring($start) } else { $Readme.Substring($start, $end - $start) }
        [regex]::Matches($text, '(?ms)^```(\w+)\r?\n(.*?)^```') | ForEach-Object {
            [pscustomobject]@{ Language = $_.Groups[1].Value; Code = $_.Groups[2].Value }
        }
    }
}

AfterAll {
    Stop-TestSandbox $script:Sandbox
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'README' {
    It 'says how to start the sandbox plainly, then how to connect, before any fault flag' {
        $sandbox = @(Get-ReadmeBlocks 'Sandbox')
        $sandbox[0].Code | Should -Match '^dotnet pwsh ./build.ps1 Sandbox'
        $sandbox[0].Code | Should -Not -Match '--fault|--throttle'
        $sandbox[1].Code.Trim() | Should -Be 'Connect-PartnerRelationship -SandboxUri http://127.0.0.1:5099'
        $sandbox[2].Code | Should -Match '--throttle-rps 20 --fault-5xx 0.05'
    }

    It 'runs every build task as dotnet pwsh ./build.ps1' {
        [regex]::Matches($Readme, '(?<!dotnet pwsh )\./build\.ps1 (Build|Test|Demo|Sandbox|Package|Bench)') | ForEach-Object Value |
            Should -BeNullOrEmpty
    }

    It 'states the PowerShell version the module needs at the top, as the manifest does' {
        $required = (Import-PowerShellDataFile $ModuleManifest).PowerShellVersion
        ($Readme -split "`n" | Select-Object -First 12) -join "`n" | Should -Match "Requires PowerShell $([regex]::Escape($required)) or later"
    }

    It 'has a short tour that runs as written against the sandbox' {
        $tour = @(Get-ReadmeBlocks 'A short tour' | Where-Object Language -EQ 'powershell')
        $tour.Count | Should -Be 1
        $uri = $Sandbox.Uri.TrimEnd('/')
        $code = $tour[0].Code.Replace('http://127.0.0.1:5099', $uri).Replace('Import-Module ./out/PartnerRelationships', "Import-Module '$ModuleManifest'")
        # As at a prompt: each statement is its own pipeline with its own Out-Default (a script's output would all go
        # through one, which formats every object after the first by the first one's shape).
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $lines = foreach ($statement in $ast.EndBlock.Statements) {
            if ($statement -is [System.Management.Automation.Language.AssignmentStatementAst]) { $statement.Extent.Text }
            else { ". {`n$($statement.Extent.Text)`n} | Out-Default" }
        }
        $script = Join-Path $Folder 'tour.ps1'
        Set-Content -Path $script -Value ((@("`$ErrorActionPreference = 'Stop'") + $lines) -join "`n") -Encoding utf8NoBOM
        $work = Join-Path $Folder 'clone'
        $null = New-Item -ItemType Directory -Path $work
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; Config = $env:PARTNERRELATIONSHIPS_CONFIG }
        try {
            $env:HOME = Join-Path $Folder 'home'
            $env:XDG_DATA_HOME = Join-Path $env:HOME '.local/share'
            $env:XDG_CONFIG_HOME = Join-Path $env:HOME '.config'
            $env:PARTNERRELATIONSHIPS_CONFIG = $null
            $text = (Invoke-Pwsh -NoProfile -NonInteractive -WorkingDirectory $work -File $script 2>&1 | ForEach-Object { "$_" }) -join "`n"
            $exit = $LASTEXITCODE
            $text = $text -replace "`e\[[0-9;]*m", ''   # the text a person reads, without the terminal's colours
        }
        finally {
            $env:HOME = $saved.HOME; $env:XDG_DATA_HOME = $saved.XDG_DATA_HOME; $env:XDG_CONFIG_HOME = $saved.XDG_CONFIG_HOME
            $env:PARTNERRELATIONSHIPS_CONFIG = $saved.Config
        }

        $exit | Should -Be 0 -Because $text
        $text | Should -Match 'ApprovalLink\s+: https://admin\.microsoft\.com/'
        $text | Should -Match 'Sync-ResellerInvite: 2 changes recorded\.'
        $text | Should -Match 'What if: .*Fabrikam'
        $text | Should -Not -Match 'IsSandbox\s+: False'
        Test-Path (Join-Path $work 'contoso.eml') | Should -BeTrue
        (Get-ChildItem (Join-Path $work 'drafts') -Filter *.eml).Name | Sort-Object | Should -Be @('Northwind-Traders.eml', 'Tailspin-Toys.eml')
        @(Get-ChildItem (Join-Path $work 'reports') -Filter *.html).Count | Should -Be 1
    }
}
