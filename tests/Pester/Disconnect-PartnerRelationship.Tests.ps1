BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Disconnect-PartnerRelationship' {
    BeforeEach {
        $script:Folder = New-TestFolder
        $script:SavedConfig = $env:PARTNERRELATIONSHIPS_CONFIG
        $script:SavedXdg = $env:XDG_CONFIG_HOME
        $env:PARTNERRELATIONSHIPS_CONFIG = $null
        $env:XDG_CONFIG_HOME = Join-Path $script:Folder 'xdg'
        $secret = ConvertTo-SecureString $Sandbox.ClientSecret -AsPlainText -Force
        $script:Connected = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -TenantId $Sandbox.TenantId -ClientId $Sandbox.ClientId -ClientSecret $secret
    }
    AfterEach {
        $env:PARTNERRELATIONSHIPS_CONFIG = $script:SavedConfig
        $env:XDG_CONFIG_HOME = $script:SavedXdg
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'ends the session: a remote cmdlet then fails with NotConnected' {
        Disconnect-PartnerRelationship | Should -BeNullOrEmpty
        Get-PartnerRelationshipConnection | Should -BeNullOrEmpty
        $err = { Test-PartnerRelationshipConnection -ConfigPath (New-TestConfig -Folder $Folder) -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotConnected,PartnerRelationships.PowerShell.Cmdlets.TestPartnerRelationshipConnectionCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'Run Connect-PartnerRelationship first'
    }

    It '-PassThru returns the connection it closed' {
        $closed = Disconnect-PartnerRelationship -PassThru
        $closed.GetType().FullName | Should -Be 'PartnerRelationships.Core.Remote.PartnerConnectionInfo'
        $closed.ConnectedAt | Should -Be $Connected.ConnectedAt
    }

    It 'does nothing when not connected' {
        Disconnect-PartnerRelationship
        { Disconnect-PartnerRelationship -ErrorAction Stop } | Should -Not -Throw
        Disconnect-PartnerRelationship -PassThru | Should -BeNullOrEmpty
    }
}
