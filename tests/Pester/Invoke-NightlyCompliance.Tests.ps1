# The runbook in examples/, run the way a scheduler runs it (pwsh -File), against a sandbox with one case per rule.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'ComplianceSeed.ps1')
    $script:Folder = New-TestFolder
    $script:SavedSecret = $env:PR_TEST_SECRET
    # The app's secret reaches the runbook as an automation account would pass it: an environment variable the
    # configuration names (auth.clientSecretVariable), never a parameter or a prompt.
    $env:PR_TEST_SECRET = $SandboxClientSecret
    $script:Case = Start-ComplianceSandbox -Folder $Folder
    $script:Runbook = Join-Path $PSScriptRoot '../../examples/Invoke-NightlyCompliance.ps1'
    $script:Reports = Join-Path $Folder 'reports'

    function Invoke-Runbook {
        $output = Invoke-Pwsh -NoProfile -NonInteractive -File $Runbook -ModulePath $ModuleManifest @args 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output | ForEach-Object { "$_" }) -join "`n" }
    }
}

AfterAll {
    Stop-TestSandbox $Case.Sandbox
    $env:PR_TEST_SECRET = $script:SavedSecret
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'examples/Invoke-NightlyCompliance.ps1' {
    It 'exits 1 on errors after writing the HTML and JSON reports' {
        $run = Invoke-Runbook -ConfigPath $Case.ConfigPath -ReportFolder $Reports

        $run.ExitCode | Should -Be 1
        $run.Text | Should -Match 'ComplianceCheckFailed|2 finding\(s\) of severity Error'
        $run.Text | Should -Match 'Error\s+PR004 Delta Bank: '
        $run.Text | Should -Match '9 finding\(s\): 2 error\(s\), 5 warning\(s\), 2 info; first recorded run'

        $files = @(Get-ChildItem $Reports | Sort-Object Extension)
        @($files.Extension) | Should -Be @('.html', '.json')
        $files[0].BaseName | Should -Be $files[1].BaseName
        $files[0].BaseName | Should -Match '^compliance-\d{8}-\d{6}$'
        $run.Text | Should -Match ([regex]::Escape("Reports: $($files[0].FullName), $($files[1].FullName)"))

        $json = Get-Content $files[1].FullName -Raw | ConvertFrom-Json
        @($json.findings.key | Sort-Object) | Should -Be @($Case.Expected.Values | Sort-Object)
        $json.previousRunAt | Should -BeNullOrEmpty
        $json.runId | Should -Not -BeNullOrEmpty
        Get-Content $files[0].FullName -Raw | Should -Match '<div class="card Error"><div class="n">2</div>Errors'
    }

    It 'records the run in the store: the next run has nothing new, and passes with -FailOn None' {
        $next = Join-Path $Folder 'reports-2'
        $run = Invoke-Runbook -ConfigPath $Case.ConfigPath -ReportFolder $next -FailOn None

        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match '9 finding\(s\): .*; 0 new since'
        $json = Get-Content (Get-ChildItem $next -Filter *.json).FullName -Raw | ConvertFrom-Json
        $json.summary.new | Should -Be 0
        $json.previousRunAt | Should -Not -BeNullOrEmpty
    }

    It 'takes the configuration from $env:PARTNERRELATIONSHIPS_CONFIG and fails on warnings when asked' {
        $saved = $env:PARTNERRELATIONSHIPS_CONFIG
        try {
            $env:PARTNERRELATIONSHIPS_CONFIG = $Case.ConfigPath
            $run = Invoke-Runbook -ReportFolder (Join-Path $Folder 'reports-3') -FailOn Warning -MinimumSeverity Warning
        }
        finally { $env:PARTNERRELATIONSHIPS_CONFIG = $saved }
        $run.ExitCode | Should -Be 1
        $run.Text | Should -Match '7 finding\(s\) of severity Warning or Error'
    }

    It 'exits 2 when the service fails, naming the command that failed, with the service''s advice once' {
        $failing = Join-Path $Folder 'failing'
        $null = New-Item -ItemType Directory -Path $failing
        $config = Join-Path $failing 'partner.yaml'
        (Get-Content $Case.ConfigPath -Raw) + "`nretry:`n  maxAttempts: 1`n" | Set-Content $config
        $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{ failPathContaining = 'delegatedAdminRelationships' } -Sandbox $Case.Sandbox
        try { $run = Invoke-Runbook -ConfigPath $config -ReportFolder (Join-Path $failing 'reports') }
        finally { $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{} -Sandbox $Case.Sandbox }

        $run.ExitCode | Should -Be 2
        $text = $run.Text -replace "`e\[[0-9;]*m", ''   # as a person reads it, without the terminal's colours
        $text | Should -Match '(?m)^Test-PartnerCompliance: '
        $text | Should -Not -Match 'Write-Error'
        ([regex]::Matches($text, 'Retry later')).Count | Should -Be 1
        $text | Should -Not -Match 'Try again later'
    }

    It 'says in its help how to try it against the sandbox, and that a clone needs -ModulePath' {
        $help = Get-Help $Runbook -Full | Out-String -Width 200
        $help | Should -Match 'dotnet pwsh ./build.ps1 Sandbox'
        $help | Should -Match '-ModulePath ./out/PartnerRelationships'
        $help | Should -Match 'a clone does not have'
    }

    It 'exits 2 without prompting when the configuration needs a person to sign in' {
        $interactive = Join-Path $Folder 'interactive'
        $null = New-Item -ItemType Directory -Path $interactive
        $config = New-TestConfig -Folder $interactive -Extra "auth:`n  mode: Interactive"
        $run = Invoke-Runbook -ConfigPath $config -ReportFolder (Join-Path $interactive 'reports')

        $run.ExitCode | Should -Be 2
        $run.Text | Should -Match 'needs a person'
        Test-Path (Join-Path $interactive 'reports') | Should -BeFalse
    }
}
