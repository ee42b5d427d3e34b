# The module-level secrets sweep (issue 7): a whole run with -Verbose -Debug, every stream captured, must leave the
# client secret and every access token out of the streams, the store file, the drafts and the reports.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'Sandbox.ps1')
    $script:Sandbox = Start-TestSandbox -Customers 4
    $script:Folder = New-TestFolder
    $script:Config = New-TestConfig -Folder $Folder -Extra "invites:`n  roles: [ 'Directory Readers' ]`n  duration: P90D"

    # An app of our own with a random secret, so any occurrence of it can only have come from the module.
    $script:ClientId = [guid]::NewGuid().ToString()
    $script:Secret = 'sweep-' + [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(24)).Replace('+', 'A').Replace('/', 'B')
    $null = Invoke-SandboxControl -Method Post -Path 'apps' -Body @{ clientId = $ClientId; clientSecret = $Secret }

    # A token issued to that app, fetched directly, shows what the module's tokens look like ("sbx." + base64url).
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
            New-ResellerInvite -CustomerName 'Northwind Sweep' -CustomerEmail 'it@northwind.example' -OutFile $Drafts.FullName -ConfigPath $Config -Verbose -Debug
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
        $SampleToken | Should -Match '^sbx\.' -Because 'the sweep looks for tokens of this shape'
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
