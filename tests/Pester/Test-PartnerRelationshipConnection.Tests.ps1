BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
    $script:ErrorIdSuffix = 'PartnerRelationships.PowerShell.Cmdlets.TestPartnerRelationshipConnectionCommand'

    # A runbook's configuration: app-only sign-in, secret in an environment variable, endpoints at the sandbox.
    function New-RunbookConfig([string] $Folder, [string] $ClientId = $Sandbox.ClientId) {
        New-SandboxConfig -Folder $Folder -ClientId $ClientId -Sandbox $Sandbox
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Test-PartnerRelationshipConnection' {
    BeforeEach {
        Disconnect-PartnerRelationship
        $script:Folder = New-TestFolder
        $script:SavedConfig = $env:PARTNERRELATIONSHIPS_CONFIG
        $script:SavedXdg = $env:XDG_CONFIG_HOME
        $env:PARTNERRELATIONSHIPS_CONFIG = $null
        $env:XDG_CONFIG_HOME = Join-Path $script:Folder 'xdg'
        $env:PR_TEST_SECRET = $Sandbox.ClientSecret
    }
    AfterEach {
        $env:PARTNERRELATIONSHIPS_CONFIG = $script:SavedConfig
        $env:XDG_CONFIG_HOME = $script:SavedXdg
        $env:PR_TEST_SECRET = $null
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'connects from an unattended configuration without Connect-PartnerRelationship' {
        $path = New-RunbookConfig $Folder
        $text = (Test-PartnerRelationshipConnection -ConfigPath $path -Verbose 4>&1 | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match 'Connected from the configuration'
        $text | Should -Match 'GET /v1\.0/tenantRelationships/delegatedAdminRelationships\S* -> 200'
        $text | Should -Not -Match ([regex]::Escape($Sandbox.ClientSecret))

        $info = Get-PartnerRelationshipConnection
        $info.FromConfiguration | Should -BeTrue
        $info.AuthMode | Should -Be 'ClientSecret'
        $info.ClientId | Should -Be $Sandbox.ClientId
        $info.TenantId | Should -Be $PartnerTenantId
    }

    It 'finds the configuration through $env:PARTNERRELATIONSHIPS_CONFIG, as a runbook would' {
        $env:PARTNERRELATIONSHIPS_CONFIG = New-RunbookConfig $Folder
        (Test-PartnerRelationshipConnection).FromConfiguration | Should -BeTrue
    }

    It 'fails with AuthenticationFailed when the configured secret is wrong' {
        $env:PR_TEST_SECRET = 'wrong-secret'
        $err = { Test-PartnerRelationshipConnection -ConfigPath (New-RunbookConfig $Folder) -ErrorAction Stop } |
            Should -Throw -ErrorId "AuthenticationFailed,$ErrorIdSuffix" -PassThru
        $err.Exception.Message | Should -Not -Match 'wrong-secret'
    }

    It 'fails with NotConnected when the configuration needs a person to sign in' {
        { Test-PartnerRelationshipConnection -ConfigPath (New-TestConfig -Folder $Folder) -ErrorAction Stop } |
            Should -Throw -ErrorId "NotConnected,$ErrorIdSuffix"
    }

    It 'prefers the session made by Connect-PartnerRelationship over the configuration' {
        $token = ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force
        $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken $token
        (Test-PartnerRelationshipConnection -ConfigPath (New-RunbookConfig $Folder)).AuthMode | Should -Be 'AccessToken'
    }
}
