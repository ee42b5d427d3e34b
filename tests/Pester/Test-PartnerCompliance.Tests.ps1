BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    . (Join-Path $PSScriptRoot 'ComplianceSeed.ps1')
    $script:Folder = New-TestFolder
    $script:SavedSecret = $env:PR_TEST_SECRET
    $env:PR_TEST_SECRET = $SandboxClientSecret
    Disconnect-PartnerRelationship
    $script:Case = Start-ComplianceSandbox -Folder $Folder
    $script:Config = $Case.ConfigPath
    $script:Expected = $Case.Expected
    $script:ErrorIdSuffix = 'PartnerRelationships.PowerShell.Cmdlets.TestPartnerComplianceCommand'
    $script:FindingType = 'PartnerRelationships.Core.Compliance.Finding'

    function Get-Keys($Findings) { @($Findings | ForEach-Object Key | Sort-Object) }
    function Get-ChromiumPath { (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
}

BeforeDiscovery {
    # Debian's chromium package renders the HTML report; without it that one test is skipped.
    $script:HasChromium = [bool] (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue)
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $Case.Sandbox
    $env:PR_TEST_SECRET = $script:SavedSecret
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Test-PartnerCompliance' {
    Context 'findings' {
        It 'finds exactly one finding per rule and nothing else, most urgent first (errors, then what ends soonest)' {
            $findings = @(Test-PartnerCompliance -ConfigPath $Config -NoRecord)

            Get-Keys $findings | Should -Be @($Expected.Values | Sort-Object)
            $findings[0].GetType().FullName | Should -Be $FindingType
            @($findings | ForEach-Object { "$($_.Severity)" }) | Should -Be @('Error', 'Error', 'Warning', 'Warning', 'Warning', 'Warning', 'Warning', 'Info', 'Info')
            @($findings | ForEach-Object RuleId) | Should -Be @('PR004', 'PR006', 'PR002', 'PR005', 'PR003', 'PR008', 'PR001', 'PR007', 'PR009')
            # Among the warnings, those about relationships that end come first, soonest first (PR002's ends within the window).
            $findings[2].EndsAt | Should -BeLessThan $findings[3].EndsAt
            $findings[4].EndsAt | Should -BeNullOrEmpty
            $findings | ForEach-Object { $_.IsNew | Should -BeTrue }
        }

        It 'names the customer and relationship and says what to do' {
            $findings = Test-PartnerCompliance -ConfigPath $Config -NoRecord
            $delta = $findings | Where-Object RuleId -EQ 'PR004'
            $delta.RuleName | Should -Be 'OverPrivilegedRelationship'
            $delta.CustomerName | Should -Be 'Delta Bank'
            $delta.CustomerTenantId | Should -Be $Case.Tenant.Delta
            $delta.RelationshipName | Should -Be 'GDAP Delta'
            $delta.RelationshipId | Should -Be $Case.Relationship.Delta
            $delta.Message | Should -Match 'Global Administrator'

            $charlie = $findings | Where-Object RuleId -EQ 'PR003'
            $charlie.CustomerName | Should -Be 'Charlie Traders'
            $charlie.Recommendation | Should -Match 'Cloud Reseller Agreement'
            $charlie.Recommendation | Should -Match "Microsoft support to open a service request on the customer's behalf"

            $juliet = $findings | Where-Object RuleId -EQ 'PR001'
            $juliet.InviteId | Should -Be $Case.Invite.Juliet
            $juliet.Message | Should -Match '20 days'
            # What the recommendation says to do works: the finding piped to Get-ResellerInvite finds its invite.
            $juliet.Recommendation | Should -Match 'pipe this finding to Get-ResellerInvite \(or run Get-ResellerInvite -Id with its InviteId\)'
            ($juliet | Get-ResellerInvite -ConfigPath $Config).Id | Should -Be $Case.Invite.Juliet
        }

        It 'shows a table grouped by severity that fits <Width> columns, the message taking the width' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
            $text = Test-PartnerCompliance -ConfigPath $Config -NoRecord | Out-String -Width $Width
            $groups = [regex]::Matches($text, '(?m)^\s*Severity: (\w+)') | ForEach-Object { $_.Groups[1].Value }
            $groups | Should -Be @('Error', 'Warning', 'Info')
            $text | Should -Match '(?m)^Rule\s+New\s+Message\s*$'
            $text | Should -Match "PR004 Yes Relationship 'GDAP Delta"
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt $Width }) | Should -BeNullOrEmpty
        }

        It 'writes a summary to the information stream' {
            $null = Test-PartnerCompliance -ConfigPath $Config -NoRecord -InformationVariable info
            "$info" | Should -Match '^9 finding\(s\): 2 error\(s\), 5 warning\(s\), 2 info; first recorded run\. Checked 9 customers, 10 relationships, 9 invites\.$'
        }

        It 'reports progress from the checker' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModuleManifest'; Test-PartnerCompliance -ConfigPath '$Config' -NoRecord")
                $findings = $ps.Invoke()
                $findings.Count | Should -Be 9
                $ps.Streams.Error | Should -BeNullOrEmpty
                $records = @($ps.Streams.Progress | Where-Object Activity -EQ 'Checking partner compliance')
                $records.Count | Should -BeGreaterThan 3
                ($records | Where-Object StatusDescription -Match 'relationships') | Should -Not -BeNullOrEmpty
                ($records | Where-Object StatusDescription -Match 'PR004') | Should -Not -BeNullOrEmpty
                $records[-1].RecordType | Should -Be 'Completed'
                $percents = @($records | Where-Object RecordType -EQ 'Processing' | ForEach-Object PercentComplete)
                $percents | Should -Be @($percents | Sort-Object)   # the bar only moves forward
            }
            finally { $ps.Dispose() }
        }
    }

    Context 'filters' {
        It '-MinimumSeverity leaves out less severe findings' {
            Get-Keys (Test-PartnerCompliance -ConfigPath $Config -NoRecord -MinimumSeverity Error) | Should -Be @($Expected.PR004, $Expected.PR006 | Sort-Object)
            $warnings = @(Test-PartnerCompliance -ConfigPath $Config -NoRecord -MinimumSeverity Warning)
            $warnings.Count | Should -Be 7
            $warnings | Where-Object { "$($_.Severity)" -eq 'Info' } | Should -BeNullOrEmpty
        }

        It '-Rule takes ids and names' {
            $findings = Test-PartnerCompliance -ConfigPath $Config -NoRecord -Rule PR002, RelationshipUnknownToStore
            Get-Keys $findings | Should -Be @($Expected.PR002, $Expected.PR007 | Sort-Object)
        }

        It 'an unknown rule fails before any remote call, with a suggestion' {
            $err = { Test-PartnerCompliance -ConfigPath $Config -NoRecord -Rule PendingInviteTooLonng -ErrorAction Stop } |
                Should -Throw -ErrorId "UnknownComplianceRule,$ErrorIdSuffix" -PassThru
            $err.Exception.Message | Should -Match "Did you mean 'PendingInviteTooLong'\?"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It '-Customer takes names with wildcards and tenant ids' {
            Get-Keys (Test-PartnerCompliance -ConfigPath $Config -NoRecord -Customer 'delta*') | Should -Be @($Expected.PR004)
            Get-Keys (Test-PartnerCompliance -ConfigPath $Config -NoRecord -Customer $Case.Tenant.Foxtrot, 'Golf Hotels') |
                Should -Be @($Expected.PR006, $Expected.PR007 | Sort-Object)
        }

        It 'takes customers from the pipeline by TenantId, in one run' {
            $customers = [pscustomobject]@{ TenantId = $Case.Tenant.Delta }, [pscustomobject]@{ TenantId = $Case.Tenant.Bravo }
            $findings = $customers | Test-PartnerCompliance -ConfigPath $Config -NoRecord -InformationVariable info
            Get-Keys $findings | Should -Be @($Expected.PR002, $Expected.PR004 | Sort-Object)
            @($info).Count | Should -Be 1
        }

        It 'completes rule ids and names' {
            $line = 'Test-PartnerCompliance -Rule PR00'
            $ids = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $ids | Should -Be @('PR001', 'PR002', 'PR003', 'PR004', 'PR005', 'PR006', 'PR007', 'PR008', 'PR009')
            $line = 'Test-PartnerCompliance -Rule over'
            $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $names | Should -Be @('OverPrivilegedRelationship', 'OverlappingActiveRelationships')
        }
    }

    Context '-FailOn' {
        It 'throws ComplianceCheckFailed after writing every finding' {
            $written = [Collections.Generic.List[object]]::new()
            $err = $null
            try { Test-PartnerCompliance -ConfigPath $Config -NoRecord -FailOn Error -ErrorAction Stop | ForEach-Object { $written.Add($_) } }
            catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be "ComplianceCheckFailed,$ErrorIdSuffix"
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $written.Count | Should -Be 9
            $err.Exception.Message | Should -Match '2 finding\(s\) of severity Error'
            $err.Exception.Message | Should -Match 'PR004 OverPrivilegedRelationship: 1'
            $err.Exception.Message | Should -Match 'PR006 AccessAssignmentInError: 1'
        }

        It 'passes when nothing reaches the threshold' {
            # Golf's only finding is Info; Bravo's is a Warning.
            Get-Keys (Test-PartnerCompliance -ConfigPath $Config -NoRecord -Customer 'Golf*' -FailOn Warning -ErrorAction Stop) | Should -Be @($Expected.PR007)
            Get-Keys (Test-PartnerCompliance -ConfigPath $Config -NoRecord -Customer 'Bravo*' -FailOn Error -ErrorAction Stop) | Should -Be @($Expected.PR002)
            { Test-PartnerCompliance -ConfigPath $Config -NoRecord -Customer 'Bravo*' -FailOn Warning -ErrorAction Stop } |
                Should -Throw -ErrorId "ComplianceCheckFailed,$ErrorIdSuffix"
        }

        It 'makes pwsh -File exit non-zero, and zero when the run passes' {
            $script = Join-Path $Folder 'scheduled.ps1'
            @"
param([string] `$FailOn, [string] `$Customer = '*')
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Test-PartnerCompliance -ConfigPath '$Config' -NoRecord -Customer `$Customer -FailOn `$FailOn | Out-Null
'run passed'
"@ | Set-Content -Path $script -Encoding utf8NoBOM
            $output = Invoke-Pwsh -NoProfile -NonInteractive -File $script -FailOn Error 2>&1
            $LASTEXITCODE | Should -Not -Be 0
            "$output" | Should -Match 'ComplianceCheckFailed|2 finding\(s\) of severity Error'
            "$output" | Should -Not -Match 'run passed'

            $output = Invoke-Pwsh -NoProfile -NonInteractive -File $script -FailOn Error -Customer 'Golf*' 2>&1
            $LASTEXITCODE | Should -Be 0
            "$output" | Should -Match 'run passed'
        }
    }

    Context 'reports' {
        BeforeEach { $script:Reports = Join-Path $Folder ('reports-' + [guid]::NewGuid().ToString('n')) }

        It 'writes JSON, CSV and HTML into a folder' {
            $findings = Test-PartnerCompliance -ConfigPath $Config -NoRecord -ReportPath $Reports
            $files = Get-ChildItem $Reports | Sort-Object Extension
            @($files.Extension) | Should -Be @('.csv', '.html', '.json')
            $files.Name | ForEach-Object { $_ | Should -Match '^compliance-report-\d{8}-\d{6}\.(json|csv|html)$' }

            $json = Get-Content ($files | Where-Object Extension -EQ '.json').FullName -Raw | ConvertFrom-Json
            $json.schemaVersion | Should -Be 1
            @($json.findings.key | Sort-Object) | Should -Be @($Expected.Values | Sort-Object)
            $json.summary.bySeverity.Error | Should -Be 2
            $json.summary.bySeverity.Warning | Should -Be 5
            $json.summary.bySeverity.Info | Should -Be 2

            $rows = @(Import-Csv ($files | Where-Object Extension -EQ '.csv').FullName)
            $rows.Count | Should -Be 9
            @($rows.Key | Sort-Object) | Should -Be @($findings.Key | Sort-Object)
            ($rows | Where-Object RuleId -EQ 'PR004').CustomerName | Should -Be 'Delta Bank'

            $html = Get-Content ($files | Where-Object Extension -EQ '.html').FullName -Raw
            $html | Should -Match '<div class="card Error"><div class="n">2</div>Errors'
            $html | Should -Match '<div class="card Warning"><div class="n">5</div>Warnings'
            $html | Should -Match '<div class="card Info"><div class="n">2</div>Info'
            $html | Should -Not -Match 'https?://'
            ([regex]::Matches($html, '<script')).Count | Should -Be 1   # only the report's own filter script (allowed by hash)
        }

        It 'picks the format from the extension and writes other formats beside it' {
            $path = Join-Path $Reports 'nightly.html'
            $null = Test-PartnerCompliance -ConfigPath $Config -NoRecord -ReportPath $path -ReportFormat Json
            @(Get-ChildItem $Reports | Sort-Object Name).Name | Should -Be @('nightly.html', 'nightly.json')
            (Get-Content (Join-Path $Reports 'nightly.json') -Raw | ConvertFrom-Json).findings.Count | Should -Be 9
        }

        It 'rejects a file it cannot name a format for, before checking anything' {
            { Test-PartnerCompliance -ConfigPath $Config -NoRecord -ReportPath (Join-Path $Reports 'out.txt') -ErrorAction Stop } |
                Should -Throw -ErrorId "UnknownReportFormat,$ErrorIdSuffix"
            Test-Path $Reports | Should -BeFalse
            { Test-PartnerCompliance -ConfigPath $Config -NoRecord -ReportFormat Html -ErrorAction Stop } |
                Should -Throw -ErrorId "ReportPathRequired,$ErrorIdSuffix"
        }

        It '-WhatIf writes the findings but no report and records nothing' {
            $findings = @(Test-PartnerCompliance -ConfigPath $Config -ReportPath $Reports -WhatIf)
            $findings.Count | Should -Be 9
            Test-Path $Reports | Should -BeFalse
            # Nothing recorded: a recorded run now is still the first one.
            $null = Test-PartnerCompliance -ConfigPath $Config -Customer 'Echo*' -InformationVariable info
            $null = Test-PartnerCompliance -ConfigPath $Config -Customer 'Echo*' -WhatIf -InformationVariable again
            "$info" | Should -Match 'first recorded run'
            "$again" | Should -Match '0 new since'
        }

        It 'renders the HTML report in headless Chromium at 1280 and 390 pixels, filters working' -Skip:(-not $HasChromium) {
            # Skipped when Debian's chromium package is not installed (apt-get install -y chromium).
            $chromium = Get-ChromiumPath
            $path = Join-Path $Reports 'report.html'
            $null = Test-PartnerCompliance -ConfigPath $Config -NoRecord -ReportPath $path
            $shots = $env:PR_COMPLIANCE_SCREENSHOT_DIR ?? $Reports   # set the variable to keep the screenshots
            $null = New-Item -ItemType Directory -Force -Path $shots
            $profileDir = Join-Path $Reports 'chromium-profile'
            $common = @('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', "--user-data-dir=$profileDir")
            $uri = 'file://' + ((Resolve-Path $path).Path -replace ' ', '%20')
            foreach ($width in 1280, 390) {
                $png = Join-Path $shots "report-$width.png"
                & $chromium @common "--screenshot=$png" "--window-size=$width,1600" $uri 2>&1 | Out-Null
                Test-Path $png | Should -BeTrue
                (Get-Item $png).Length | Should -BeGreaterThan 20KB
            }

            # The DOM after the page's own script ran: content from the rendered page, not the file's text.
            $dom = (& $chromium @common '--window-size=390,1600' '--dump-dom' $uri 2>$null) -join "`n"
            $dom | Should -Match '<div class="card Error"><div class="n">2</div>Errors'
            $dom | Should -Match '<div class="card Warning"><div class="n">5</div>Warnings'
            $dom | Should -Match '<div class="card Info"><div class="n">2</div>Info'
            $dom | Should -Match '<div class="card news" id="news-count"><div class="n">9</div>new since the last run'
            $dom | Should -Match '<tr><td><a href="#c1">Delta Bank</a></td><td><span class="badge Error">'
            $dom | Should -Match '<div class="filters" id="filters">'           # the script showed the filters
            $dom | Should -Match '<span id="filter-count" class="meta">9 shown</span>'
            $dom | Should -Match '<svg class="timeline"'
            $dom | Should -Not -Match 'PR004:relationship/'                    # keys stay out of sight
        }
    }

    Context 'recorded runs' {
        It 'records each run so the next one says what is new' {
            $first = @(Test-PartnerCompliance -ConfigPath $Config -Rule PR003, PR008 -InformationVariable info1)
            Get-Keys $first | Should -Be @($Expected.PR003, $Expected.PR008 | Sort-Object)
            "$info1" | Should -Match 'first recorded run'

            # Alpha ends its relationship: Alpha becomes a PR003 case, and the store (still Accepted) contradicts the service.
            $null = Invoke-SandboxControl -Method Post -Path "relationships/$($Case.Relationship.Alpha)/terminate" -Sandbox $Case.Sandbox
            $second = @(Test-PartnerCompliance -ConfigPath $Config -Rule PR003, PR008 -InformationVariable info2)
            Get-Keys ($second | Where-Object IsNew) | Should -Be @("PR003:customer/$($Case.Tenant.Alpha)", "PR008:invite/$($Case.Invite.Alpha)" | Sort-Object)
            Get-Keys ($second | Where-Object { -not $_.IsNew }) | Should -Be @($Expected.PR003, $Expected.PR008 | Sort-Object)
            "$info2" | Should -Match '^4 finding\(s\).*; 2 new since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.'
        }
    }
}

Describe 'Test-PartnerCompliance -Alert' {
    BeforeAll {
        $script:Secret = 'sig-SECRET-' + [guid]::NewGuid().ToString('n')
        $script:SavedWebhook = $env:PR_TEST_ALERT_WEBHOOK

        # The case's configuration with a store of its own (a first run: everything is new) and the webhook's address (a
        # secret) in an environment variable.
        function New-AlertConfig {
            $alertFolder = New-TestFolder
            $text = (Get-Content $Config -Raw) -replace [regex]::Escape((Join-Path $Folder 'store.db')), (Join-Path $alertFolder 'store.db')
            $path = Join-Path $alertFolder 'partner.yaml'
            $text + "compliance:`n  alert:`n    webhookUrlVariable: PR_TEST_ALERT_WEBHOOK`n" | Set-Content -Path $path -Encoding utf8NoBOM
            $path
        }

        # A loopback listener on a thread: answers one request per status given, in order ("Retry-After: 0" with a
        # 429 or 503, so a retry comes at once), and hands back what it got.
        function Start-WebhookListener([int[]] $Status = @(202)) {
            $port = Get-FreeLoopbackPort
            $env:PR_TEST_ALERT_WEBHOOK = "http://127.0.0.1:$port/workflows/$Secret/triggers/manual/invoke?api-version=1&sig=$Secret"
            $listener = [System.Net.HttpListener]::new()
            $listener.Prefixes.Add("http://127.0.0.1:$port/")
            $listener.Start()
            $job = Start-ThreadJob -ArgumentList $listener, $Status -ScriptBlock {
                param($Listener, $Status)
                foreach ($answer in $Status) {
                    $context = $Listener.GetContext()
                    $reader = [System.IO.StreamReader]::new($context.Request.InputStream, [System.Text.Encoding]::UTF8)
                    [pscustomobject]@{ Method = $context.Request.HttpMethod; ContentType = $context.Request.ContentType; Path = $context.Request.RawUrl; Body = $reader.ReadToEnd() }
                    $context.Response.StatusCode = $answer
                    if ($answer -in 429, 503) { $context.Response.AddHeader('Retry-After', '0') }
                    $context.Response.Close()
                }
            }
            [pscustomobject]@{ Listener = $listener; Job = $job }
        }

        function Stop-WebhookListener($Hook) {
            $requests = $Hook.Job | Wait-Job -Timeout 60 | Receive-Job
            $Hook.Listener.Stop()
            $Hook.Job | Remove-Job -Force
            $requests
        }
    }

    AfterAll { $env:PR_TEST_ALERT_WEBHOOK = $script:SavedWebhook }

    It 'posts the summary and the new errors and warnings, then nothing when nothing is new; the address never shows' {
        $alertConfig = New-AlertConfig
        $expected = @(Test-PartnerCompliance -ConfigPath $alertConfig -NoRecord | Where-Object { "$($_.Severity)" -ne 'Info' })
        $errors = @($expected | Where-Object { "$($_.Severity)" -eq 'Error' }).Count
        $warnings = $expected.Count - $errors
        $errors | Should -BeGreaterThan 0
        $headline = "Partner compliance: $($expected.Count) new ($errors error$(if ($errors -ne 1) { 's' }), $warnings warning$(if ($warnings -ne 1) { 's' }))"

        $hook = Start-WebhookListener
        $everything = Test-PartnerCompliance -ConfigPath $alertConfig -Alert -Verbose -InformationAction Continue *>&1 | Out-String -Width 400
        $request = Stop-WebhookListener $hook

        $request.Method | Should -Be 'POST'
        $request.ContentType | Should -Match '^application/json'
        $request.Path | Should -Match $Secret
        $payload = $request.Body | ConvertFrom-Json
        $payload.type | Should -Be 'message'
        $payload.summary | Should -Be $headline
        $payload.attachments[0].contentType | Should -Be 'application/vnd.microsoft.card.adaptive'
        $payload.attachments[0].content.body[1].text | Should -Match "new since ever \(first recorded run\)"
        @($payload.partnerRelationships.newFindings.ruleId) | Should -Be @($expected.RuleId)
        @($payload.partnerRelationships.newFindings.customerName) | Should -Be @($expected.CustomerName)
        $payload.partnerRelationships.summary.newError | Should -Be $errors
        $everything | Should -Match ('Sent the alert \(' + [regex]::Escape($headline) + '\) to the webhook from compliance\.alert\.webhookUrlVariable \(PR_TEST_ALERT_WEBHOOK\)')
        $everything | Should -Not -Match $Secret

        # Nothing new: no request (nothing listens now, so a send would fail loudly).
        $again = Test-PartnerCompliance -ConfigPath $alertConfig -Alert -Verbose *>&1 | Out-String -Width 400
        $again | Should -Match 'No new error or warning since the last run: no alert sent\.'
        $again | Should -Not -Match 'ComplianceAlertFailed'
    }

    It 'retries a throttled or failing webhook until it takes the alert, sending the same alert each time' {
        $alertConfig = New-AlertConfig
        $hook = Start-WebhookListener -Status 429, 503, 202
        $everything = Test-PartnerCompliance -ConfigPath $alertConfig -Alert -Verbose -ErrorVariable failures *>&1 | Out-String -Width 400
        $requests = @(Stop-WebhookListener $hook)

        $failures.Count | Should -Be 0
        $requests.Count | Should -Be 3
        @($requests.Body | Select-Object -Unique).Count | Should -Be 1
        ($requests[0].Body | ConvertFrom-Json).type | Should -Be 'message'
        $everything | Should -Match 'Sent the alert \(Partner compliance: \d+ new'
        $everything | Should -Not -Match $Secret
    }

    It 'reports a webhook that refuses the alert as its own error, without the address, and keeps the findings' {
        $alertConfig = New-AlertConfig
        $hook = Start-WebhookListener -Status 400
        $findings = Test-PartnerCompliance -ConfigPath $alertConfig -Alert -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1 6>&1
        $requests = @(Stop-WebhookListener $hook)

        $requests.Count | Should -Be 1
        @($findings | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.InformationRecord] } | Out-String) |
            Should -Not -Match $Secret
        @($findings | Where-Object { $_.PSObject.TypeNames[0] -eq $FindingType }).Count | Should -BeGreaterThan 0
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ComplianceAlertFailed,*'
        $failures[0].Exception.Message | Should -Match 'answered 400'
        $failures[0].Exception.Message | Should -Match 'does not resend this alert'
        ($failures[0] | Out-String) + $failures[0].Exception.ToString() + "$($failures[0].TargetObject)" | Should -Not -Match $Secret
    }

    It 'fails before any remote call when the webhook variable is not set' {
        $alertConfig = New-AlertConfig
        $env:PR_TEST_ALERT_WEBHOOK = $null
        { Test-PartnerCompliance -ConfigPath $alertConfig -Alert -ErrorAction Stop } | Should -Throw -ErrorId 'AlertWebhookMissing,*'
    }
}

Describe 'Test-PartnerCompliance under the service throttle' {
    # 5,000 customers at 100 requests/s take about 30 s, so that scale is left to the benchmarks; 400 customers at
    # 25 requests/s hit the throttle the same way in a few seconds.
    BeforeAll {
        $script:Busy = Start-TestSandbox -Customers 400 -Faults @{ throttleRps = 25 }
        $script:BusyFolder = New-TestFolder
        $uri = $Busy.Uri
        $script:BusyConfig = New-TestConfig -Folder $BusyFolder -Extra @"
auth:
  mode: ClientSecret
  clientId: $($Busy.ClientId)
  clientSecretVariable: PR_TEST_SECRET
endpoints:
  graph: ${uri}v1.0
  partnerCenter: $uri
  login: $uri
"@
    }
    AfterAll {
        Disconnect-PartnerRelationship
        Stop-TestSandbox $Busy
        Remove-Item $BusyFolder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'absorbs 429s with bounded concurrency and completes without errors' {
        $verbose = Join-Path $BusyFolder 'verbose.txt'
        $findings = @(Test-PartnerCompliance -ConfigPath $BusyConfig -NoRecord -ThrottleLimit 4 -InformationVariable info -ErrorVariable errors -Verbose 4> $verbose)
        $errors | Should -BeNullOrEmpty
        @(Select-String -Path $verbose -Pattern ' -> 429').Count | Should -BeGreaterThan 0
        $findings.Count | Should -BeGreaterThan 0
        $state = Invoke-SandboxControl -Path 'state' -Sandbox $Busy
        "$info" | Should -Match "Checked \d+ customers, $($state.relationships) relationships"
    }
}
