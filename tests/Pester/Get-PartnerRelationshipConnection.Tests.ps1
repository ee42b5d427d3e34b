BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Get-PartnerRelationshipConnection' {
    BeforeEach { Disconnect-PartnerRelationship }

    It 'returns nothing when not connected' {
        Get-PartnerRelationshipConnection | Should -BeNullOrEmpty
    }

    It 'returns the session, never a token' {
        $token = ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force
        $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken $token
        $info = Get-PartnerRelationshipConnection
        $info.AuthMode | Should -Be 'AccessToken'
        $info.IsSandbox | Should -BeTrue
        ($info | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Sandbox.StaticToken))
        ($info | ConvertTo-Json) | Should -Not -Match ([regex]::Escape($Sandbox.StaticToken))
    }
}
