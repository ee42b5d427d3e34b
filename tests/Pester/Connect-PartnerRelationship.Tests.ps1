BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
    $script:InfoType = 'PartnerRelationships.Core.Remote.PartnerConnectionInfo'
    $script:ConnectErrorId = 'PartnerRelationships.PowerShell.Cmdlets.ConnectPartnerRelationshipCommand'

    # Everything a command wrote on any stream, as text (objects by their ToString, which lists every property).
    function Get-AllStreamText([scriptblock] $Command) {
        $saved = $DebugPreference
        try { (& $Command *>&1 | ForEach-Object { "$_" }) -join "`n" }
        finally { $DebugPreference = $saved }
    }

    function New-SandboxSecret { [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(24)) }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Connect-PartnerRelationship' {
    BeforeEach {
        Disconnect-PartnerRelationship
        $script:Folder = New-TestFolder
        $script:Saved = @{ Config = $env:PARTNERRELATIONSHIPS_CONFIG; Xdg = $env:XDG_CONFIG_HOME; ModulePath = $env:PSModulePath }
        $env:PARTNERRELATIONSHIPS_CONFIG = $null
        $env:XDG_CONFIG_HOME = Join-Path $script:Folder 'xdg'
        $script:Secret = ConvertTo-SecureString $Sandbox.ClientSecret -AsPlainText -Force
        $script:Common = @{ SandboxUri = $Sandbox.Uri; TenantId = $Sandbox.TenantId; ClientId = $Sandbox.ClientId }
    }
    AfterEach {
        $env:PARTNERRELATIONSHIPS_CONFIG = $script:Saved.Config
        $env:XDG_CONFIG_HOME = $script:Saved.Xdg
        $env:PSModulePath = $script:Saved.ModulePath
        $env:PR_TEST_SECRET = $null
        $env:PR_TEST_TOKEN = $null
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    Context 'client secret' {
        It 'connects with a SecureString secret and describes the session' {
            $info = Connect-PartnerRelationship @Common -ClientSecret $Secret
            $info.GetType().FullName | Should -Be $InfoType
            $info.AuthMode | Should -Be 'ClientSecret'
            $info.TenantId | Should -Be $Sandbox.TenantId
            $info.ClientId | Should -Be $Sandbox.ClientId
            $info.IsSandbox | Should -BeTrue
            $info.FromConfiguration | Should -BeFalse
            $info.Environment | Should -Be 'Global'
            $info.GraphEndpoint | Should -Be "$($Sandbox.Uri)v1.0/"
            $info.PartnerCenterEndpoint | Should -Be $Sandbox.Uri
            $info.ConnectedAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-5))
            $info.PSObject.Properties.Name | Should -Not -Contain 'Token'
            (Get-PartnerRelationshipConnection).ConnectedAt | Should -Be $info.ConnectedAt
        }

        It 'reads the secret from the environment variable -ClientSecretVariable names' {
            $env:PR_TEST_SECRET = $Sandbox.ClientSecret
            $info = Connect-PartnerRelationship @Common -ClientSecretVariable PR_TEST_SECRET
            $info.AuthMode | Should -Be 'ClientSecret'
            Get-PartnerRelationshipConnection | Should -Not -BeNullOrEmpty
        }

        It 'says which variable is empty' {
            { Connect-PartnerRelationship @Common -ClientSecretVariable PR_TEST_SECRET -ErrorAction Stop } |
                Should -Throw -ErrorId "MissingClientSecret,$ConnectErrorId"
        }

        It 'fails with AuthenticationFailed for a wrong secret, without the secret in the message' {
            $wrong = 'not-the-secret-' + (New-SandboxSecret)
            $err = { Connect-PartnerRelationship @Common -ClientSecret (ConvertTo-SecureString $wrong -AsPlainText -Force) -ErrorAction Stop } |
                Should -Throw -ErrorId "AuthenticationFailed,$ConnectErrorId" -PassThru
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err.Exception.Message | Should -Not -Match ([regex]::Escape($wrong))
            $err.Exception.Message | Should -Match 'secret'
            Get-PartnerRelationshipConnection | Should -BeNullOrEmpty
        }

        It 'keeps the previous session when a new connect fails' {
            $null = Connect-PartnerRelationship @Common -ClientSecret $Secret
            { Connect-PartnerRelationship @Common -ClientSecret (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -ErrorAction Stop } | Should -Throw
            (Get-PartnerRelationshipConnection).AuthMode | Should -Be 'ClientSecret'
            (Test-PartnerRelationshipConnection).AuthMode | Should -Be 'ClientSecret'
        }

        It 'fails clearly when the sandbox is not there (retried like any call, and not called a wrong secret)' {
            $closed = "http://127.0.0.1:$(Get-FreeLoopbackPort)/"
            $path = New-TestConfig -Folder $Folder -Extra "retry:`n  maxAttempts: 2`n  baseDelay: 10ms`n  maxDelay: 10ms"
            $err = { Connect-PartnerRelationship -SandboxUri $closed -TenantId $Sandbox.TenantId -ClientId $Sandbox.ClientId -ClientSecret $Secret -ConfigPath $path -ErrorAction Stop } |
                Should -Throw -ErrorId "SignInEndpointUnavailable,$ConnectErrorId" -PassThru
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            $err.Exception.Message | Should -Match 'not a wrong secret'
        }
    }

    Context 'access token' {
        It 'connects with a SecureString token' {
            $info = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
            $info.AuthMode | Should -Be 'AccessToken'
            $info.IsSandbox | Should -BeTrue
        }

        It 'reads the token from the environment variable -AccessTokenVariable names' {
            $env:PR_TEST_TOKEN = $Sandbox.StaticToken
            (Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessTokenVariable PR_TEST_TOKEN).AuthMode | Should -Be 'AccessToken'
        }

        It 'fails with AuthenticationFailed when the service refuses the token' {
            $err = { Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString 'sbx.forged' -AsPlainText -Force) -ErrorAction Stop } |
                Should -Throw -ErrorId "AuthenticationFailed,$ConnectErrorId" -PassThru
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err.Exception.Message | Should -Not -Match 'sbx\.forged'
        }
    }

    Context 'diagnostics' {
        It '-Verbose shows the check call, and no stream carries the secret or a token' {
            $clientId = [guid]::NewGuid().ToString()
            $secret = New-SandboxSecret
            $null = Invoke-SandboxControl -Method Post -Path 'apps' -Body @{ clientId = $clientId; clientSecret = $secret }
            $text = Get-AllStreamText {
                Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -TenantId $Sandbox.TenantId -ClientId $clientId -ClientSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Verbose -Debug
            }
            $text | Should -Match 'GET /v1\.0/tenantRelationships/delegatedAdminRelationships\S* -> 200 \(attempt 1'
            $text | Should -Match 'Authorization: Bearer \*\*\*'       # -Debug shows the headers, redacted
            $text | Should -Not -Match ([regex]::Escape($secret))
            $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{8,}'           # a token the sandbox issued (a JWT)
            $text | Should -Not -Match 'Bearer (?!\*\*\*)\S'
        }

        It 'no stream carries a given access token' {
            $text = Get-AllStreamText {
                Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force) -Verbose -Debug
            }
            $text | Should -Match 'delegatedAdminRelationships'
            $text | Should -Not -Match ([regex]::Escape($Sandbox.StaticToken))
        }

        It '-Verbose shows retries with the wait before each' {
            $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{ serverErrorProbability = 1 }
            try {
                $path = New-TestConfig -Folder $Folder -Extra "retry:`n  maxAttempts: 2`n  baseDelay: 50ms`n  maxDelay: 50ms"
                $text = Get-AllStreamText {
                    try { Connect-PartnerRelationship @Common -ClientSecret $Secret -ConfigPath $path -Verbose -ErrorAction Stop } catch { $_ }
                }
            }
            finally { $null = Invoke-SandboxControl -Method Put -Path 'faults' -Body @{} }
            $text | Should -Match '-> 50[03] \(attempt 1, \d+ ms, retrying in 0\.0\d+s\)'
            $text | Should -Match '-> 50[03] \(attempt 2, \d+ ms\)'
            $text | Should -Match 'failed to answer'
        }
    }

    Context 'configuration' {
        It 'takes the sign-in from the configuration when no sign-in parameter is given' {
            $env:PR_TEST_SECRET = $Sandbox.ClientSecret
            $path = New-TestConfig -Folder $Folder -Extra "auth:`n  mode: ClientSecret`n  clientId: $($Sandbox.ClientId)`n  clientSecretVariable: PR_TEST_SECRET"
            $info = Connect-PartnerRelationship -ConfigPath $path -SandboxUri $Sandbox.Uri
            $info.AuthMode | Should -Be 'ClientSecret'
            $info.TenantId | Should -Be $PartnerTenantId    # the partner tenant when auth.tenantId is not set
        }

        It '-SandboxUri alone signs in as the sandbox''s built-in app, and the table says Sandbox True' {
            $info = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri
            $info.AuthMode | Should -Be 'ClientSecret'
            $info.ClientId | Should -Be $Sandbox.ClientId
            $info.IsSandbox | Should -BeTrue
            (Get-PartnerRelationshipConnection).IsSandbox | Should -BeTrue
            $text = $info | Format-List | Out-String -Width 80
            $text | Should -Match 'IsSandbox\s+: True'
        }

        It 'a configuration pointing every service at the local sandbox reports IsSandbox True' {
            $env:PR_TEST_SECRET = $Sandbox.ClientSecret
            $uri = $Sandbox.Uri.TrimEnd('/')
            $path = New-TestConfig -Folder $Folder -Extra "auth:`n  mode: ClientSecret`n  clientId: $($Sandbox.ClientId)`n  clientSecretVariable: PR_TEST_SECRET`nendpoints:`n  graph: $uri`n  partnerCenter: $uri`n  login: $uri"
            (Connect-PartnerRelationship -ConfigPath $path).IsSandbox | Should -BeTrue
        }

        It 'refuses sign-in methods the sandbox does not have' {
            { Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -TenantId $Sandbox.TenantId -UseDeviceCode -ErrorAction Stop } |
                Should -Throw -ErrorId "SandboxAuthNotSupported,$ConnectErrorId"
        }
    }

    Context 'help' {
        It 'shows -Environment by its type name and lists the values it takes' {
            $syntax = Get-Help Connect-PartnerRelationship | Out-String -Width 120
            $syntax | Should -Not -Match 'Nullable'
            $syntax | Should -Match '-Environment <CloudEnvironment>'
            $parameter = Get-Help Connect-PartnerRelationship -Parameter Environment | Out-String -Width 120
            $parameter | Should -Match 'Accepted values: Global, USGovernment, USGovernmentDoD, China\.'
            $parameter | Should -Not -Match 'Nullable'
        }
    }

    Context 'SecretManagement' {
        It 'reads the client secret from a vault with Get-Secret' {
            $modules = Join-Path $Folder 'modules'
            $fake = Join-Path $modules 'Microsoft.PowerShell.SecretManagement'
            New-Item -ItemType Directory -Path $fake -Force | Out-Null
            @"
function Get-Secret {
    param([string] `$Name, [string] `$Vault, [switch] `$AsPlainText)
    if (`$Vault -eq 'TestVault' -and `$Name -eq 'partner-app' -and `$AsPlainText) { return '$($Sandbox.ClientSecret)' }
    throw "The secret `$Name was not found in `$Vault."
}
"@ | Set-Content (Join-Path $fake 'Microsoft.PowerShell.SecretManagement.psm1')
            $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
            try {
                (Connect-PartnerRelationship @Common -SecretVault TestVault -SecretName partner-app).AuthMode | Should -Be 'ClientSecret'
                { Connect-PartnerRelationship @Common -SecretVault TestVault -SecretName other -ErrorAction Stop } |
                    Should -Throw -ErrorId "SecretNotFound,$ConnectErrorId"
            }
            finally { Remove-Module Microsoft.PowerShell.SecretManagement -Force -ErrorAction SilentlyContinue }
        }

        It 'says SecretManagement is missing when it is not installed' {
            Remove-Module Microsoft.PowerShell.SecretManagement -Force -ErrorAction SilentlyContinue
            $env:PSModulePath = (Join-Path $Folder 'empty') + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            $err = { Connect-PartnerRelationship @Common -SecretVault TestVault -SecretName partner-app -ErrorAction Stop } |
                Should -Throw -ErrorId "SecretManagementNotAvailable,$ConnectErrorId" -PassThru
            $err.Exception.Message | Should -Match 'Install-PSResource Microsoft.PowerShell.SecretManagement'
        }
    }
}
