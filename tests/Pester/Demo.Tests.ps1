# The demo (dotnet pwsh ./build.ps1 Demo) as a newcomer watches it: it runs against its own sandbox, tells a partner's
# story on screen, shows compliance findings, and leaves its files where it says.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Folder = New-TestFolder
    $script:Output = Join-Path $Folder 'demo'
    $demo = Join-Path $PSScriptRoot '../../examples/demo.ps1'
    $saved = $env:PARTNERRELATIONSHIPS_CONFIG
    try {
        $env:PARTNERRELATIONSHIPS_CONFIG = $null
        $script:Text = (Invoke-Pwsh -NoProfile -NonInteractive -File $demo -ModulePath $ModuleManifest -SandboxDll (Get-TestSandboxDll) -OutputFolder $Output 2>&1 |
            ForEach-Object { "$_" }) -join "`n"
        $script:ExitCode = $LASTEXITCODE
    }
    finally { $env:PARTNERRELATIONSHIPS_CONFIG = $saved }
    $script:Text = $script:Text -replace "`e\[[0-9;]*m", ''
}

AfterAll {
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'examples/demo.ps1' {
    It 'runs to the end' {
        $ExitCode | Should -Be 0 -Because $Text
        $Text | Should -Match 'Demo complete'
    }

    It 'leaves the draft, the report, the configuration and the store, and says where' {
        foreach ($file in 'contoso.eml', 'compliance.html', 'partner.yaml', 'store.db') {
            Test-Path (Join-Path $Output $file) | Should -BeTrue -Because "$file is left for the user"
        }
        @(Get-ChildItem (Join-Path $Output 'drafts') -Filter *.eml).Count | Should -Be 2
        $resolved = (Resolve-Path $Output).Path
        $Text | Should -Match ([regex]::Escape("Its files are yours to open, in $resolved"))
        $Text | Should -Match ([regex]::Escape((Join-Path $resolved 'compliance.html')))
    }

    It 'shows compliance findings on screen' {
        $Text | Should -Match 'Severity: Error'
        $Text | Should -Match "PR004 Yes Relationship 'Litware"
        $Text | Should -Match 'PR003 Yes Northwind Traders'
    }

    It 'says it is on the sandbox when it connects, and speaks the partner''s language' {
        $Text | Should -Match 'IsSandbox\s+: True'
        $Text | Should -Not -Match 'IsSandbox\s+: False'
        $Text | Should -Not -Match 'seed page'
        $Text | Should -Match 'Sync-ResellerInvite: 0 changes recorded\.'
        $Text | Should -Match 'ApprovalLink\s+: https://'
    }

    It 'prints its tables within 80 columns' {
        $tableLines = $Text -split "`n" | Where-Object { $_ -match '^-{2,}' }
        $tableLines | Should -Not -BeNullOrEmpty
        ($tableLines | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}
