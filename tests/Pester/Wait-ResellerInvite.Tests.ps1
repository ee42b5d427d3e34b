# Wait-ResellerInvite against the sandbox: accepted (template applied on the way), still pending past the timeout, ended.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
    $script:CommandId = 'PartnerRelationships.PowerShell.Cmdlets.WaitResellerInviteCommand'
    $script:Agents = '11111111-2222-3333-4444-555555555555'
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Wait-ResellerInvite' {
    BeforeEach {
        Disconnect-PartnerRelationship
        $script:Folder = New-TestFolder
        $script:SavedConfig = $env:PARTNERRELATIONSHIPS_CONFIG
        $env:PARTNERRELATIONSHIPS_CONFIG = New-TestConfig -Folder $script:Folder -Extra @"
templates:
  - name: Readers
    roles: [ 'Directory Readers' ]
    groups:
      - id: $Agents
        roles: [ 'Directory Readers' ]
"@
        $null = Connect-PartnerRelationship -SandboxUri $Sandbox.Uri -AccessToken (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)
        $script:Tenant = [guid]::NewGuid().ToString()
        $script:Invite = New-ResellerInvite -Template Readers -CustomerName 'Waiting Co' -CustomerEmail 'admin@waiting.example' -CustomerTenantId $Tenant
    }
    AfterEach {
        Disconnect-PartnerRelationship
        $env:PARTNERRELATIONSHIPS_CONFIG = $script:SavedConfig
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'outputs the invite once accepted, with its template applied' {
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($Invite.RelationshipId)/approve" -Body @{ tenantId = $Tenant }
        $null = Invoke-SandboxControl -Method Post -Path 'process' # approved → activating → active

        $accepted = $Invite | Wait-ResellerInvite -Timeout 5m -PollInterval 15s

        $accepted.GetType().FullName | Should -Be 'PartnerRelationships.Core.Invites.ResellerInvite'
        $accepted.Id | Should -Be $Invite.Id
        $accepted.Status | Should -Be 'Accepted'
        $assignments = (Invoke-RestMethod -Uri "$($Sandbox.Uri)v1.0/tenantRelationships/delegatedAdminRelationships/$($Invite.RelationshipId)/accessAssignments" -Headers @{ Authorization = "Bearer $($Sandbox.StaticToken)" }).value
        @($assignments).Count | Should -Be 1
        $assignments[0].accessContainer.accessContainerId | Should -Be $Agents
    }

    It 'fails with InviteWaitTimeout when still pending at the timeout, with progress while waiting' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $script:ModuleManifest).AddStatement()
            $null = $ps.AddCommand('Connect-PartnerRelationship').AddParameter('SandboxUri', $Sandbox.Uri).AddParameter('AccessToken', (ConvertTo-SecureString $Sandbox.StaticToken -AsPlainText -Force)).AddStatement()
            $null = $ps.AddCommand('Wait-ResellerInvite').AddParameter('Id', $Invite.Id).AddParameter('Timeout', [TimeSpan]::FromMilliseconds(600)).AddParameter('PollInterval', [TimeSpan]::FromMilliseconds(100))
            $null = $ps.Invoke()
            $errors = @($ps.Streams.Error)
            $progress = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "InviteWaitTimeout,$CommandId"
        "$($errors[0])" | Should -Match 'Waiting Co was still Pending'
        @($progress | Where-Object { $_.StatusDescription -match 'still Pending; checking again' }).Count | Should -BeGreaterOrEqual 1
        ($progress | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
    }

    It 'fails with InviteWaitEnded when the customer rejects' {
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($Invite.RelationshipId)/reject"
        { Wait-ResellerInvite -Id $Invite.Id -Timeout ([TimeSpan]::FromMinutes(5)) -ErrorAction Stop } | Should -Throw -ErrorId "InviteWaitEnded,$CommandId"
    }

    It 'rejects a negative timeout' {
        { Wait-ResellerInvite -Id $Invite.Id -Timeout ([TimeSpan]::FromSeconds(-1)) -ErrorAction Stop } | Should -Throw -ErrorId "InviteWaitIntervalInvalid,$CommandId"
    }
}
