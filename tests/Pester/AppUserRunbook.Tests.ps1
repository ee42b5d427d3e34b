# The runbooks of examples/ as a scheduler runs them (a fresh pwsh per run) against the sandbox over HTTPS (issue 14):
# the App+User runbook on the refresh-token pattern across runs (rotation written back, revocation explained), the
# same runbook with app-only credentials (the refusal explained), and the nightly runbook with a managed identity.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'CustomerFixtures.ps1')
    $script:Sandbox = Start-TestSandbox -Https
    $script:Folder = New-TestFolder
    $script:Runbook = Join-Path $PSScriptRoot '../../examples/Invoke-ResellerRunbook.ps1'
    $script:Nightly = Join-Path $PSScriptRoot '../../examples/Invoke-NightlyCompliance.ps1'
    $script:Saved = @{
        Certificate = $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE; ModulePath = $env:PSModulePath; Config = $env:PARTNERRELATIONSHIPS_CONFIG
        Endpoint = $env:IDENTITY_ENDPOINT; Header = $env:IDENTITY_HEADER
    }
    # Inherited by the runbooks' processes: trust for the sandbox's certificate, the fake vault, the fixtures.
    $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE = $Sandbox.CertificatePath
    $env:PR_FAKE_VAULT_FILE = Join-Path $Folder 'vault.json'
    $env:PSModulePath = (Join-Path $PSScriptRoot 'Fixtures') + [IO.Path]::PathSeparator + $env:PSModulePath
    $env:PARTNERRELATIONSHIPS_CONFIG = New-TestConfig -Folder $Folder   # for the customer fixtures' session
    $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)

    $https = $Sandbox.HttpsUri
    $script:Endpoints = "endpoints:`n  graph: ${https}v1.0`n  partnerCenter: $https`n  login: $https"
    # A nightly run must fail if the write-back is missing: every redeemed refresh token stops working.
    $null = Invoke-SandboxControl -Method Put -Path 'signin' -Body @{ deviceCodeIntervalSeconds = 0; deviceCodeApproveAfterPolls = 1; singleUseRefreshTokens = $true }

    $appUserFolder = New-Item -ItemType Directory (Join-Path $Folder 'appuser')
    $script:AppUserConfig = New-TestConfig -Folder $appUserFolder -Extra "auth:`n  mode: RefreshToken`n  clientId: $($Sandbox.ClientId)`n  refreshTokenVault: RunbookVault`n  refreshTokenName: partner-refresh`n$Endpoints"
    $appOnlyFolder = New-Item -ItemType Directory (Join-Path $Folder 'apponly')
    $script:AppOnlyConfig = New-TestConfig -Folder $appOnlyFolder -Extra "auth:`n  mode: ClientSecret`n  clientId: $($Sandbox.ClientId)`n  clientSecretVariable: PR_RUNBOOK_SECRET`n$Endpoints"

    # Runs a runbook the way a scheduler does; returns its exit code and everything it wrote.
    function Invoke-Runbook([string] $Path, [string[]] $Arguments) {
        $text = Invoke-Pwsh -NoProfile -NonInteractive -File $Path @Arguments -ModulePath $script:ModuleManifest 2>&1 | Out-String
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $text }
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
    $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE = $Saved.Certificate
    $env:PSModulePath = $Saved.ModulePath
    $env:PARTNERRELATIONSHIPS_CONFIG = $Saved.Config
    $env:IDENTITY_ENDPOINT = $Saved.Endpoint
    $env:IDENTITY_HEADER = $Saved.Header
    $env:PR_FAKE_VAULT_FILE = $null
    $env:PR_RUNBOOK_SECRET = $null
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The App+User runbook on the refresh-token pattern' {
    It 'a partner admin consents once; the token goes to the vault only' {
        $info = New-PartnerRelationshipRefreshToken -ConfigPath $AppUserConfig -Confirm:$false 3>$null
        $info.RefreshTokenVault | Should -Be 'RunbookVault'
        $script:Consented = Get-VaultSecret RunbookVault partner-refresh
        $Consented | Should -Not -BeNullOrEmpty
    }

    It 'runs the reseller link, support contact and removal calls, and writes the rotated token back' {
        $script:First = New-CustomerWithReseller 'Runbook First'
        $result = Invoke-Runbook $Runbook @('-ConfigPath', $AppUserConfig, '-InviteName', 'Contoso Runbook', '-InviteEmail', 'it@contoso.example',
            '-DraftFolder', (Join-Path $Folder 'drafts'), '-SupportContactCustomer', $First.TenantId, '-SupportReseller', 'Tailspin IT',
            '-OffboardCustomer', $First.TenantId)
        $result.Text | Should -Match 'Signed in: RefreshToken \(AppUser\)'
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match 'Invite: Contoso Runbook https://admin\.microsoft\.com/\S*invType=ResellerRelationship'
        $result.Text | Should -Not -Match 'did not give the reseller link' -Because 'the link came from Partner Center'
        $result.Text | Should -Match "Support contact: $($First.TenantId) Office 365 E3 Set Tailspin IT" -Because 'the reseller was looked up among the customer''s relationships and named on the subscription' 
        $result.Text | Should -Match "Reseller relationship ended: $($First.TenantId)"
        $script:AfterFirstRun = Get-VaultSecret RunbookVault partner-refresh
        $AfterFirstRun | Should -Not -Be $Consented -Because 'the service rotated the refresh token and the run stored the new one'
    }

    It 'the next night''s run works with the rotated token (the consented one no longer does)' {
        $second = New-CustomerWithReseller 'Runbook Second'
        $result = Invoke-Runbook $Runbook @('-ConfigPath', $AppUserConfig, '-SupportContactCustomer', $second.TenantId, '-SupportReseller', $Reseller)
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match "Support contact: $($second.TenantId) Office 365 E3 Set Tailspin IT"
        Get-VaultSecret RunbookVault partner-refresh | Should -Not -Be $AfterFirstRun
    }

    It 'fails clearly when the refresh token was revoked, saying how to renew it' {
        $null = Invoke-SandboxControl -Method Post -Path 'signin/revoke'
        $result = Invoke-Runbook $Runbook @('-ConfigPath', $AppUserConfig)
        $result.ExitCode | Should -Be 2
        $result.Text | Should -Match 'refresh token from .* was refused: it has expired or was revoked'
        $result.Text | Should -Match 'AADSTS50173'
        $result.Text | Should -Match 'New-PartnerRelationshipRefreshToken'
        $result.Text | Should -Match "secret 'partner-refresh' in the vault 'RunbookVault'"
    }
}

Describe 'The same runbook with app-only credentials' {
    It 'gets the one-sentence explanation, not a raw 403' {
        $env:PR_RUNBOOK_SECRET = $Sandbox.ClientSecret
        $customer = New-CustomerWithReseller 'Runbook AppOnly'
        $result = Invoke-Runbook $Runbook @('-ConfigPath', $AppOnlyConfig, '-InviteName', 'Fabrikam Runbook', '-InviteEmail', 'it@fabrikam.example',
            '-DraftFolder', (Join-Path $Folder 'drafts-apponly'), '-SupportContactCustomer', $customer.TenantId, '-SupportReseller', 'Tailspin IT')
        $result.Text | Should -Match 'Signed in: ClientSecret \(AppOnly\)'
        $result.ExitCode | Should -Be 2
        $result.Text | Should -Match 'Reading a customer''s relationships needs a signed-in partner user' -Because 'the support contact looks the reseller up among them'
        $result.Text | Should -Match 'New-PartnerRelationshipRefreshToken'
        $result.Text | Should -Match 'Requesting a reseller relationship link needs a signed-in partner user' -Because 'the invite falls back to the composed link and says why'
        $result.Text | Should -Not -Match 'HTTP 403'
    }
}

Describe 'The nightly compliance runbook with a managed identity' {
    It 'signs in through IDENTITY_ENDPOINT / IDENTITY_HEADER and writes its reports' {
        $miFolder = New-Item -ItemType Directory (Join-Path $Folder 'mi')
        $config = New-TestConfig -Folder $miFolder -Extra "auth:`n  mode: ManagedIdentity`n$Endpoints"
        $env:IDENTITY_ENDPOINT = "$($Sandbox.HttpsUri)msi/token"
        $env:IDENTITY_HEADER = 'sandbox-identity-header'
        try { $result = Invoke-Runbook $Nightly @('-ConfigPath', $config, '-ReportFolder', (Join-Path $miFolder 'reports'), '-FailOn', 'None') }
        finally { $env:IDENTITY_ENDPOINT = $Saved.Endpoint; $env:IDENTITY_HEADER = $Saved.Header }
        $result.ExitCode | Should -Be 0 -Because $result.Text
        @(Get-ChildItem (Join-Path $miFolder 'reports') -Filter 'compliance-*.json').Count | Should -Be 1
    }
}
