# The module-level secrets sweep (issue 7): a whole run with -Verbose -Debug, every stream captured, must leave the
# client secret and every access token out of the streams, the store file, the drafts and the reports.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox -Customers 4
    $script:Folder = New-TestFolder
    $script:Config = New-TestConfig -Folder $Folder -Extra "invites:`n  roles: [ 'Directory Readers' ]`n  duration: P90D"

    # An app of our own with a random secret, so any occurrence of it can only have come from the module.
    $script:ClientId = [guid]::NewGuid().ToString()
    $script:Secret = 'sweep-' + [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(24)).Replace('+', 'A').Replace('/', 'B')
    $null = Invoke-SandboxControl -Method Post -Path 'apps' -Body @{ clientId = $ClientId; clientSecret = $Secret }

    # A token issued to that app, fetched directly, shows what the module's tokens look like (a JWT, "eyJ…").
    $token = Invoke-RestMethod -Method Post -Uri "$($Sandbox.Uri)$($Sandbox.TenantId)/oauth2/v2.0/token" -ContentType 'application/x-www-form-urlencoded' `
        -Body @{ grant_type = 'client_credentials'; client_id = $ClientId; client_secret = $Secret; scope = 'https://graph.microsoft.com/.default' }
    $script:SampleToken = $token.access_token
    # Secret, any sandbox-issued token, a JWT's start, the sandbox's static token, an Authorization header value.
    $script:Forbidden = @(
        [regex]::Escape($Secret)
        [regex]::Escape($SampleToken)
        'sbx\.[A-Za-z0-9_-]{8,}'
        'eyJ[A-Za-z0-9_-]{8,}'
        [regex]::Escape($Sandbox.StaticToken)
        'Bearer\s+[A-Za-z0-9._-]{8,}'
    )

    $script:Drafts = New-Item -ItemType Directory (Join-Path $Folder 'drafts')
    $script:Reports = New-Item -ItemType Directory (Join-Path $Folder 'reports')
    $script:StreamLog = Join-Path $Folder 'streams.txt'

    $env:PR_SWEEP_SECRET = $Secret
    $savedPreferences = $VerbosePreference, $DebugPreference, $InformationPreference, $WarningPreference
    try {
        & {
            Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -TenantId $Sandbox.TenantId -ClientId $ClientId -ClientSecretVariable PR_SWEEP_SECRET -Verbose -Debug
            New-ResellerInvite -Kind GranularAdmin -CustomerName 'Contoso Sweep' -CustomerEmail 'admin@contoso.example' -OutFile $Drafts.FullName -ConfigPath $Config -Verbose -Debug
            # App-only here, so Partner Center refuses the link and the cmdlet warns (-Debug alone would make the warning a prompt).
            New-ResellerInvite -CustomerName 'Northwind Sweep' -CustomerEmail 'it@northwind.example' -OutFile $Drafts.FullName -ConfigPath $Config -Verbose -Debug -WarningAction Continue
            Sync-ResellerInvite -ConfigPath $Config -Verbose -Debug
            Get-PartnerCustomer -ConfigPath $Config -Verbose -Debug
            Test-PartnerCompliance -ReportPath $Reports.FullName -ConfigPath $Config -Verbose -Debug
            Get-PartnerRelationshipConnection -Verbose -Debug
        } *>&1 | ForEach-Object { $_ | Out-String -Width 400 } | Set-Content -Path $StreamLog -Encoding utf8NoBOM
    }
    finally { $env:PR_SWEEP_SECRET = $null }
    $script:StreamText = Get-Content $StreamLog -Raw

    # A file's bytes as text both ways a secret could be stored (UTF-8 and UTF-16).
    function Get-FileTexts([string] $Path) {
        $bytes = [IO.File]::ReadAllBytes($Path)
        [Text.Encoding]::UTF8.GetString($bytes), [Text.Encoding]::Unicode.GetString($bytes)
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
    $env:PR_SWEEP_SECRET = $null
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Secrets sweep' {
    It 'ran the whole workflow, verbosely (so the sweep looked at real output)' {
        $StreamText | Should -Match 'Signing in \(ClientSecret\)' -Because '-Verbose was on'
        $StreamText | Should -Match '"totalCount"' -Because '-Debug was on (it shows response bodies)'
        $StreamText | Should -Match 'Contoso Sweep'
        @(Get-ResellerInvite -ConfigPath $Config).Count | Should -Be 2
        @(Get-ChildItem $Drafts -Filter *.eml).Count | Should -Be 2
        @(Get-ChildItem $Reports).Extension | Sort-Object | Should -Be @('.csv', '.html', '.json')
        $SampleToken | Should -Match '^eyJ[A-Za-z0-9_-]{8,}' -Because 'the sweep looks for tokens of this shape'
    }

    It 'no stream carries the secret or a token' {
        foreach ($pattern in $Forbidden) { $StreamText | Should -Not -Match $pattern }
    }

    It 'no file the run wrote carries the secret or a token: <Kind>' -ForEach @(
        @{ Kind = 'store'; Filter = 'store.db*'; Under = '' }
        @{ Kind = 'drafts'; Filter = '*'; Under = 'drafts' }
        @{ Kind = 'reports'; Filter = '*'; Under = 'reports' }
    ) {
        $files = @(Get-ChildItem (Join-Path $Folder $Under) -Filter $Filter -File)
        $files.Count | Should -BeGreaterThan 0
        foreach ($file in $files) {
            foreach ($text in Get-FileTexts $file.FullName) {
                foreach ($pattern in $Forbidden) { $text | Should -Not -Match $pattern -Because "$($file.Name) must not hold it" }
            }
        }
    }

    It 'the connection object does not expose the secret or a token' {
        $info = Get-PartnerRelationshipConnection
        $text = ($info | Format-List * | Out-String) + ($info | ConvertTo-Json -Depth 4)
        foreach ($pattern in $Forbidden) { $text | Should -Not -Match $pattern }
    }
}

# Issue 14: the same sweep over every sign-in flow (over HTTPS): the one-time consent, the refresh token and its
# rotations, device code, a certificate with a password, a managed identity, and failures (a wrong secret, a revoked
# refresh token) whose error records are kept. Streams, a transcript, the error records, the store and the drafts are
# searched for every secret the run handled.
Describe 'Secrets sweep: every sign-in flow' {
    BeforeAll {
        $script:Tls = Start-TestSandbox -Https -Customers 2
        $script:TlsFolder = New-TestFolder
        $script:TlsSaved = @{ Certificate = $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE; ModulePath = $env:PSModulePath; Endpoint = $env:IDENTITY_ENDPOINT; Header = $env:IDENTITY_HEADER }
        $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE = $Tls.CertificatePath
        $env:PR_FAKE_VAULT_FILE = Join-Path $TlsFolder 'vault.json'
        $env:PSModulePath = (Join-Path $PSScriptRoot 'Fixtures') + [IO.Path]::PathSeparator + $env:PSModulePath
        $identityHeader = 'idh-' + [guid]::NewGuid().ToString('n')
        $null = Invoke-SandboxControl -Sandbox $Tls -Method Put -Path 'signin' -Body @{ deviceCodeIntervalSeconds = 0; deviceCodeApproveAfterPolls = 1; identityHeader = $identityHeader }
        $config = New-TestConfig -Folder $TlsFolder -Extra "invites:`n  roles: [ 'Directory Readers' ]"
        $common = @{ SandboxUri = $Tls.HttpsUri; TenantId = $Tls.TenantId; ClientId = $Tls.ClientId; ConfigPath = $config; Verbose = $true; Debug = $true; WarningAction = 'Continue' }

        # An app with a certificate, stored as a password-protected PFX.
        $certificateApp = [guid]::NewGuid().ToString()
        $key = [Security.Cryptography.RSA]::Create(2048)
        $certificate = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=sweep', $key, 'SHA256', [Security.Cryptography.RSASignaturePadding]::Pkcs1).CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
        $null = Invoke-SandboxControl -Sandbox $Tls -Method Post -Path 'apps' -Body @{ clientId = $certificateApp; certificate = [Convert]::ToBase64String($certificate.RawData) }
        $pfxPassword = 'pfx-' + [guid]::NewGuid().ToString('n')
        $pfx = Join-Path $TlsFolder 'app.pfx'
        [IO.File]::WriteAllBytes($pfx, $certificate.Export('Pfx', $pfxPassword))
        $wrongSecret = 'wrong-' + [guid]::NewGuid().ToString('n')

        $script:RefreshTokens = [Collections.Generic.List[string]]::new()
        function Save-VaultTokens { foreach ($v in (Get-Content $env:PR_FAKE_VAULT_FILE -Raw | ConvertFrom-Json -AsHashtable).Values) { $script:RefreshTokens.Add($v) } }

        $script:Transcript = Join-Path $TlsFolder 'transcript.txt'
        $drafts = New-Item -ItemType Directory (Join-Path $TlsFolder 'drafts')
        $Error.Clear()
        $null = Start-Transcript -Path $Transcript
        try {
            $script:TlsStreams = & {
                New-PartnerRelationshipRefreshToken @common -RefreshTokenVault SweepVault -RefreshTokenName sweep-refresh -Confirm:$false
                Save-VaultTokens
                Connect-PartnerRelationship @common -RefreshTokenVault SweepVault -RefreshTokenName sweep-refresh
                Save-VaultTokens
                $customer = Get-PartnerCustomer -ConfigPath $config -Verbose -Debug | Select-Object -First 1
                Get-CustomerSupportContact -CustomerTenantId $customer.TenantId -ConfigPath $config -Verbose -Debug -WarningAction Continue
                New-ResellerInvite -CustomerName 'Sweep Reseller' -CustomerEmail 'it@sweep.example' -OutFile $drafts.FullName -ConfigPath $config -Verbose -Debug -WarningAction Continue
                Connect-PartnerRelationship @common -UseDeviceCode
                Connect-PartnerRelationship -SandboxUri $Tls.HttpsUri -TenantId $Tls.TenantId -ClientId $certificateApp -CertificatePath $pfx -CertificatePassword (ConvertTo-SecureString $pfxPassword -AsPlainText -Force) -ConfigPath $config -Verbose -Debug -WarningAction Continue
                $env:IDENTITY_ENDPOINT = "$($Tls.HttpsUri)msi/token"; $env:IDENTITY_HEADER = $identityHeader
                try { Connect-PartnerRelationship -SandboxUri $Tls.HttpsUri -ManagedIdentity -ConfigPath $config -Verbose -Debug -WarningAction Continue }
                finally { $env:IDENTITY_ENDPOINT = $TlsSaved.Endpoint; $env:IDENTITY_HEADER = $TlsSaved.Header }
                try { Connect-PartnerRelationship @common -ClientSecret (ConvertTo-SecureString $wrongSecret -AsPlainText -Force) -ErrorAction Stop } catch { $_ }
                $null = Invoke-SandboxControl -Sandbox $Tls -Method Post -Path 'signin/revoke'
                try { Connect-PartnerRelationship @common -RefreshTokenVault SweepVault -RefreshTokenName sweep-refresh -ErrorAction Stop } catch { $_ }
                Get-PartnerRelationshipConnection | Format-List * | Out-String -Width 400
            } *>&1 | ForEach-Object { $_ | Out-String -Width 400 }
        }
        finally { $null = Stop-Transcript }
        # Every error record of the run, in full: message, exception chain with stack traces, target, details.
        $script:ErrorText = ($Error | ForEach-Object { ($_ | Format-List * -Force | Out-String -Width 400) + $_.Exception.ToString() }) -join "`n"

        $script:TlsForbidden = @(
            foreach ($token in $RefreshTokens | Select-Object -Unique) { [regex]::Escape($token) }
            [regex]::Escape($pfxPassword)
            [regex]::Escape($identityHeader)
            [regex]::Escape($wrongSecret)
            [regex]::Escape($Tls.ClientSecret) + '(?![-\w])'
            'sbxrt\.[A-Za-z0-9_-]{8,}'
            'eyJ[A-Za-z0-9_-]{8,}'
            'Bearer\s+[A-Za-z0-9._-]{8,}'
        )
    }

    AfterAll {
        Disconnect-PartnerRelationship
        Stop-TestSandbox $script:Tls
        $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE = $TlsSaved.Certificate
        $env:PSModulePath = $TlsSaved.ModulePath
        $env:PR_FAKE_VAULT_FILE = $null
        Remove-Module Microsoft.PowerShell.SecretManagement -Force -ErrorAction SilentlyContinue
        Remove-Item $script:TlsFolder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'ran every flow, verbosely, including the failures' {
        $text = $TlsStreams -join "`n"
        $text | Should -Match 'RefreshTokenVault\s*:\s*SweepVault'
        $text | Should -Match 'enter the code'
        $text | Should -Match 'Signing in \(Certificate\)'
        $text | Should -Match 'Signing in \(ManagedIdentity\)'
        $text | Should -Match 'Sweep Reseller'
        $ErrorText | Should -Match 'AADSTS7000215'
        $ErrorText | Should -Match 'AADSTS50173'
        $RefreshTokens.Count | Should -BeGreaterOrEqual 2
        @($RefreshTokens | Select-Object -Unique).Count | Should -BeGreaterOrEqual 2 -Because 'the refresh token was rotated'
    }

    It 'no stream, transcript or error record carries a secret or token: <Kind>' -ForEach @(
        @{ Kind = 'streams' }, @{ Kind = 'transcript' }, @{ Kind = 'error records' }
    ) {
        $text = switch ($Kind) {
            'streams' { $TlsStreams -join "`n" }
            'transcript' { Get-Content $Transcript -Raw }
            'error records' { $ErrorText }
        }
        $text.Length | Should -BeGreaterThan 100
        foreach ($pattern in $TlsForbidden) { $text | Should -Not -Match $pattern }
    }

    It 'no file the run wrote (store, drafts) carries a secret or token' {
        $files = @(Get-ChildItem $TlsFolder -Recurse -File | Where-Object { $_.Name -notin 'vault.json', 'app.pfx', 'transcript.txt' })
        @($files | Where-Object Name -like 'store.db*').Count | Should -BeGreaterThan 0
        foreach ($file in $files) {
            foreach ($text in Get-FileTexts $file.FullName) {
                foreach ($pattern in $TlsForbidden) { $text | Should -Not -Match $pattern -Because "$($file.Name) must not hold it" }
            }
        }
    }
}
