# Ctrl+C (a pipeline stop) must cancel a remote call in flight, not wait for it or its retries.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Stopping a cmdlet' {
    It 'cancels a remote call that the service answers slowly' {
        $folder = New-TestFolder
        $config = New-SandboxConfig -Folder $folder -Sandbox $Sandbox
        $env:PR_TEST_SECRET = $Sandbox.ClientSecret
        # Every API call now takes two minutes to answer; the token endpoint is not slowed.
        $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{ latencyMs = 120000 }
        $tokensBefore = (Invoke-SandboxControl -Path 'state').issuedTokens

        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModuleManifest'; Test-PartnerRelationshipConnection -ConfigPath '$config'")
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $async = $shell.BeginInvoke()
            # The call is on its way once the token was issued (a real child process: poll, there is no clock to move).
            while ((Invoke-SandboxControl -Path 'state').issuedTokens -eq $tokensBefore -and $watch.Elapsed.TotalSeconds -lt 60) {
                Start-Sleep -Milliseconds 50
            }
            (Invoke-SandboxControl -Path 'state').issuedTokens | Should -BeGreaterThan $tokensBefore

            $shell.Stop()
            $watch.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            # Far less than the two minutes the service would have taken (and the retries after it).
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        }
        finally {
            $shell.Dispose()
            $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{ latencyMs = 0 }
            $env:PR_TEST_SECRET = $null
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
