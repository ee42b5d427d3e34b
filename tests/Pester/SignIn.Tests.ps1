# Every sign-in flow of Connect-PartnerRelationship end to end against the sandbox over HTTPS (issue 14): the sandbox
# serves a certificate it made, which this process trusts for loopback only ($env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox -Https
    $script:ConnectErrorId = 'PartnerRelationships.PowerShell.Cmdlets.ConnectPartnerRelationshipCommand'
    $script:ConsentErrorId = 'PartnerRelationships.PowerShell.Cmdlets.NewPartnerRelationshipRefreshTokenCommand'
    $script:Saved = @{
        Certificate = $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE; Config = $env:PARTNERRELATIONSHIPS_CONFIG
        ModulePath = $env:PSModulePath; Endpoint = $env:IDENTITY_ENDPOINT; Header = $env:IDENTITY_HEADER
    }
    $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE = $Sandbox.CertificatePath
    $env:PARTNERRELATIONSHIPS_CONFIG = $null
    $script:Folder = New-TestFolder
    $env:PR_FAKE_VAULT_FILE = Join-Path $Folder 'vault.json'
    $env:PSModulePath = (Join-Path $PSScriptRoot 'Fixtures') + [IO.Path]::PathSeparator + $env:PSModulePath
    # Device codes: poll at once, and the "admin" approves after the first poll (so polling is exercised, never slept).
    $null = Invoke-SandboxControl -Method Put -Path 'signin' -Body @{ deviceCodeIntervalSeconds = 0; deviceCodeApproveAfterPolls = 1 }
    $script:Common = @{ SandboxUri = $Sandbox.HttpsUri; TenantId = $Sandbox.TenantId; ClientId = $Sandbox.ClientId }
    $script:AdminUpn = (Invoke-SandboxControl -Path 'signin').userPrincipalName

    # A self-signed certificate with its key, as an admin would make one for an app registration.
    function New-TestCertificate([string] $Subject = 'CN=pr-test-app') {
        $key = [Security.Cryptography.RSA]::Create(2048)
        $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, 'SHA256', [Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
    }

    function Register-TestCertificate([string] $ClientId, $Certificate) {
        $null = Invoke-SandboxControl -Method Post -Path 'apps' -Body @{ clientId = $ClientId; certificate = [Convert]::ToBase64String($Certificate.RawData) }
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
    $env:PARTNERRELATIONSHIPS_SANDBOX_CERTIFICATE = $Saved.Certificate
    $env:PARTNERRELATIONSHIPS_CONFIG = $Saved.Config
    $env:PSModulePath = $Saved.ModulePath
    $env:IDENTITY_ENDPOINT = $Saved.Endpoint
    $env:IDENTITY_HEADER = $Saved.Header
    $env:PR_FAKE_VAULT_FILE = $null
    Remove-Module Microsoft.PowerShell.SecretManagement -Force -ErrorAction SilentlyContinue
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Sign-in over HTTPS against the sandbox' {
    BeforeEach { Disconnect-PartnerRelationship }

    It 'client secret: an app-only session' {
        $info = Connect-PartnerRelationship @Common -ClientSecret (ConvertTo-SecureString $Sandbox.ClientSecret -AsPlainText -Force)
        $info.AuthMode | Should -Be 'ClientSecret'
        $info.SignInKind | Should -Be 'AppOnly'
        $info.GraphEndpoint | Should -Be "$($Sandbox.HttpsUri)v1.0/"
        $info.ClientId | Should -Be $Sandbox.ClientId
    }

    It 'client secret: a wrong secret is AuthenticationFailed with the service''s reason' {
        $err = { Connect-PartnerRelationship @Common -ClientSecret (ConvertTo-SecureString 'wrong-secret-4711' -AsPlainText -Force) -ErrorAction Stop } |
            Should -Throw -ErrorId "AuthenticationFailed,$ConnectErrorId" -PassThru
        $err.Exception.Message | Should -Match 'AADSTS7000215'
        $err.Exception.Message | Should -Not -Match 'wrong-secret-4711'
    }

    It 'certificate from a file: the sandbox verifies the assertion''s signature against the registered certificate' {
        $clientId = [guid]::NewGuid().ToString()
        $certificate = New-TestCertificate
        Register-TestCertificate $clientId $certificate
        $path = Join-Path $Folder 'app.pfx'
        $password = ConvertTo-SecureString 'pfx-password' -AsPlainText -Force
        [IO.File]::WriteAllBytes($path, $certificate.Export('Pfx', 'pfx-password'))

        $info = Connect-PartnerRelationship -SandboxUri $Sandbox.HttpsUri -TenantId $Sandbox.TenantId -ClientId $clientId -CertificatePath $path -CertificatePassword $password
        $info.AuthMode | Should -Be 'Certificate'
        $info.SignInKind | Should -Be 'AppOnly'
        $info.ClientId | Should -Be $clientId
    }

    It 'certificate from a file: a certificate the app does not have is refused' {
        $clientId = [guid]::NewGuid().ToString()
        Register-TestCertificate $clientId (New-TestCertificate)
        $other = New-TestCertificate -Subject 'CN=not-registered'
        $path = Join-Path $Folder 'other.pfx'
        [IO.File]::WriteAllBytes($path, $other.Export('Pfx', 'x'))
        $err = { Connect-PartnerRelationship -SandboxUri $Sandbox.HttpsUri -TenantId $Sandbox.TenantId -ClientId $clientId -CertificatePath $path -CertificatePassword (ConvertTo-SecureString 'x' -AsPlainText -Force) -ErrorAction Stop } |
            Should -Throw -ErrorId "AuthenticationFailed,$ConnectErrorId" -PassThru
        $err.Exception.Message | Should -Match 'AADSTS700027'
    }

    It 'certificate by thumbprint from the CurrentUser My store' {
        $clientId = [guid]::NewGuid().ToString()
        $certificate = New-TestCertificate -Subject "CN=pr-store-$clientId"
        Register-TestCertificate $clientId $certificate
        # Through PKCS#12 so the stored copy keeps its private key on every platform.
        $withKey = [Security.Cryptography.X509Certificates.X509Certificate2]::new($certificate.Export('Pfx', ''), '', 'PersistKeySet,Exportable')
        $store = [Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
        try { $store.Open('ReadWrite') }
        catch { Set-ItResult -Skipped -Because "this platform has no writable CurrentUser\My store: $($_.Exception.Message)"; return }
        try {
            $store.Add($withKey)
            $info = Connect-PartnerRelationship -SandboxUri $Sandbox.HttpsUri -TenantId $Sandbox.TenantId -ClientId $clientId -CertificateThumbprint $withKey.Thumbprint
            $info.AuthMode | Should -Be 'Certificate'
            $info.ClientId | Should -Be $clientId
        }
        finally {
            $store.Remove($withKey)
            $store.Dispose()
        }
    }

    It 'managed identity: a wrong IDENTITY_HEADER is refused' {
        $env:IDENTITY_ENDPOINT = "$($Sandbox.HttpsUri)msi/token"
        $env:IDENTITY_HEADER = 'not-the-header'
        try {
            { Connect-PartnerRelationship -SandboxUri $Sandbox.HttpsUri -ManagedIdentity -ManagedIdentityClientId ([guid]::NewGuid()) -ErrorAction Stop } |
                Should -Throw -ErrorId "AuthenticationFailed,$ConnectErrorId"
        }
        finally { $env:IDENTITY_ENDPOINT = $Saved.Endpoint; $env:IDENTITY_HEADER = $Saved.Header }
    }

    It 'managed identity: the App Service / Azure Automation endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER)' {
        $env:IDENTITY_ENDPOINT = "$($Sandbox.HttpsUri)msi/token"
        $env:IDENTITY_HEADER = 'sandbox-identity-header'
        $identity = [guid]::NewGuid().ToString()
        try {
            $info = Connect-PartnerRelationship -SandboxUri $Sandbox.HttpsUri -ManagedIdentity -ManagedIdentityClientId $identity
            $info.AuthMode | Should -Be 'ManagedIdentity'
            $info.SignInKind | Should -Be 'AppOnly'
            $info.ClientId | Should -Be $identity -Because 'the token names the user-assigned identity that was asked for'
        }
        finally { $env:IDENTITY_ENDPOINT = $Saved.Endpoint; $env:IDENTITY_HEADER = $Saved.Header }
    }

    It 'device code: shows the code, polls until the admin approves, and signs the user in (App+User)' {
        $info = Connect-PartnerRelationship @Common -UseDeviceCode -WarningVariable shown 3>$null
        $info.AuthMode | Should -Be 'DeviceCode'
        $info.SignInKind | Should -Be 'AppUser'
        $info.Account | Should -Be $AdminUpn
        "$shown" | Should -Match 'devicelogin.*enter the code [0-9A-F]{8}'
    }

    It 'interactive browser: the system browser signs the partner admin in (App+User, PKCE)' -Skip:(-not $IsLinux) {
        # On Linux MSAL opens the sign-in page with xdg-open and listens on a loopback port for the redirect. The stand-in
        # "browser" first on PATH opens the page headless, and the sandbox's sign-in redirects back to that port with the code.
        $bin = New-Item -ItemType Directory (Join-Path $Folder 'browser') -Force
        $opened = Join-Path $bin 'opened.txt'
        $page = Join-Path $bin 'browser.ps1'
        Set-Content $page -Value 'param([string] $Uri) Invoke-WebRequest -Uri $Uri -SkipCertificateCheck -AllowInsecureRedirect -MaximumRedirection 2 | Out-Null'
        $pwshLine = ($script:PwshCommand | ForEach-Object { "'$_'" }) -join ' '
        $xdgOpen = Join-Path $bin 'xdg-open'
        Set-Content $xdgOpen -Value "#!/bin/sh`necho `"`$1`" > '$opened'`n$pwshLine -NoProfile -NonInteractive -File '$page' `"`$1`" > /dev/null 2>&1 &`n"
        [IO.File]::SetUnixFileMode($xdgOpen, [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute')
        $clientId = [guid]::NewGuid().ToString()
        $null = Invoke-SandboxControl -Method Post -Path 'apps' -Body @{ clientId = $clientId; clientSecret = 'not-used-by-a-public-client' }
        $savedPath = $env:PATH
        $env:PATH = "$bin$([IO.Path]::PathSeparator)$env:PATH"
        try { $info = Connect-PartnerRelationship -SandboxUri $Sandbox.HttpsUri -TenantId $Sandbox.TenantId -ClientId $clientId }
        finally { $env:PATH = $savedPath }

        $info.AuthMode | Should -Be 'Interactive'
        $info.SignInKind | Should -Be 'AppUser'
        $info.Account | Should -Be $AdminUpn
        $info.ClientId | Should -Be $clientId
        Get-Content $opened | Should -Match "^$([regex]::Escape($Sandbox.HttpsUri))$($Sandbox.TenantId)/oauth2/v2.0/authorize\?.*client_id=$clientId.*code_challenge_method=S256"
        (Get-PartnerRelationshipConnection).Account | Should -Be $AdminUpn -Because 'the session is kept for the next commands'
    }

    It 'access token: a given token over HTTPS' {
        $info = Connect-PartnerRelationship -SandboxUri $Sandbox.HttpsUri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
        $info.AuthMode | Should -Be 'AccessToken'
    }

    It 'refresh token: the one-time consent stores it in the vault, and a connect uses it and writes the rotation back' {
        $stored = New-PartnerRelationshipRefreshToken @Common -RefreshTokenVault TestVault -RefreshTokenName pr-refresh -Confirm:$false -WarningVariable shown 3>$null
        $stored.GetType().Name | Should -Be 'RefreshTokenInfo'
        $stored.Account | Should -Be $AdminUpn
        $stored.RefreshTokenVault | Should -Be 'TestVault'
        "$shown" | Should -Match 'enter the code'
        $first = Get-VaultSecret TestVault pr-refresh
        $first | Should -Match '^sbxrt\.'
        ($stored | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($first))

        $info = Connect-PartnerRelationship @Common -RefreshTokenVault TestVault -RefreshTokenName pr-refresh
        $info.AuthMode | Should -Be 'RefreshToken'
        $info.SignInKind | Should -Be 'AppUser'
        Get-VaultSecret TestVault pr-refresh | Should -Not -Be $first -Because 'the service rotated it and the module wrote the new one back'
    }

    It 'refresh token: from an environment variable' {
        $null = New-PartnerRelationshipRefreshToken @Common -RefreshTokenVault TestVault -RefreshTokenName pr-env -Confirm:$false 3>$null
        $env:PR_TEST_REFRESH = Get-VaultSecret TestVault pr-env
        try { (Connect-PartnerRelationship @Common -RefreshTokenVariable PR_TEST_REFRESH).SignInKind | Should -Be 'AppUser' }
        finally { $env:PR_TEST_REFRESH = $null }
    }

    It 'refresh token: a missing vault secret is SecretNotFound, a missing variable MissingRefreshToken' {
        { Connect-PartnerRelationship @Common -RefreshTokenVault TestVault -RefreshTokenName nothing-here -ErrorAction Stop } |
            Should -Throw -ErrorId "SecretNotFound,$ConnectErrorId"
        { Connect-PartnerRelationship @Common -RefreshTokenVariable PR_NOT_SET_ANYWHERE -ErrorAction Stop } |
            Should -Throw -ErrorId "MissingRefreshToken,$ConnectErrorId"
    }

    It 'the consent honours -WhatIf: no sign-in, nothing stored' {
        New-PartnerRelationshipRefreshToken @Common -RefreshTokenVault TestVault -RefreshTokenName pr-whatif -WhatIf
        (Get-Content $env:PR_FAKE_VAULT_FILE -Raw -ErrorAction SilentlyContinue) | Should -Not -Match 'pr-whatif'
    }

    It 'refresh token: a revoked one is RefreshTokenExpired, saying how to renew it' {
        $null = New-PartnerRelationshipRefreshToken @Common -RefreshTokenVault TestVault -RefreshTokenName pr-revoked -Confirm:$false 3>$null
        $null = Invoke-SandboxControl -Method Post -Path 'signin/revoke'
        $err = { Connect-PartnerRelationship @Common -RefreshTokenVault TestVault -RefreshTokenName pr-revoked -ErrorAction Stop } |
            Should -Throw -ErrorId "RefreshTokenExpired,$ConnectErrorId" -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'AADSTS50173'
        $err.Exception.Message | Should -Match 'New-PartnerRelationshipRefreshToken'
        $err.Exception.Message | Should -Not -Match ([regex]::Escape((Get-VaultSecret TestVault pr-revoked)))
    }

    It 'transient token-endpoint failures are retried, then reported as the service, not a wrong secret' {
        $path = New-TestConfig -Folder $Folder -Extra "retry:`n  maxAttempts: 2`n  baseDelay: 10ms`n  maxDelay: 10ms"
        $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{ serverErrorProbability = 1; applyToTokenEndpoint = $true }
        try {
            $output = & { try { Connect-PartnerRelationship @Common -ConfigPath $path -ClientSecret (ConvertTo-SecureString $Sandbox.ClientSecret -AsPlainText -Force) -Verbose -ErrorAction Stop } catch { $_ } } *>&1
        }
        finally { $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{} }
        $err = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
        $err.FullyQualifiedErrorId | Should -Be "SignInEndpointUnavailable,$ConnectErrorId"
        $err.Exception.Message | Should -Match 'not a wrong secret'
        $text = ($output | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match 'POST /[^ ]+/oauth2/v2\.0/token -> 50[03] \(attempt 1'
        $text | Should -Match 'POST /[^ ]+/oauth2/v2\.0/token -> 50[03] \(attempt 2'
    }
}

Describe 'No secret over plain HTTP' {
    It 'refuses an http:// endpoint off loopback when the configuration loads' {
        $path = New-TestConfig -Folder $Folder -Extra "endpoints:`n  login: http://login.example.com/"
        $err = { Get-PartnerRelationshipConfig -ConfigPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigInsecureEndpoint,PartnerRelationships.PowerShell.Cmdlets.GetPartnerRelationshipConfigCommand' -PassThru
        $err.Exception.Message | Should -Match 'clear text'
    }

    It 'accepts http:// on loopback (the sandbox)' {
        $path = New-TestConfig -Folder $Folder -Extra "endpoints:`n  login: http://127.0.0.1:5099/"
        (Get-PartnerRelationshipConfig -ConfigPath $path).Endpoints.Login | Should -Be 'http://127.0.0.1:5099/'
    }
}
