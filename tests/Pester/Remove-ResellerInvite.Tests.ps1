BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:Sandbox = Start-TestSandbox
    $script:CommandId = 'PartnerRelationships.PowerShell.Cmdlets.RemoveResellerInviteCommand'

    function New-RunbookConfig([string] $Folder) {
        New-SandboxConfig -Folder $Folder -Extra "invites:`n  roles: [ 'Directory Readers' ]" -Sandbox $Sandbox
    }
}

AfterAll {
    Disconnect-PartnerRelationship
    Stop-TestSandbox $script:Sandbox
}

Describe 'Remove-ResellerInvite' {
    BeforeEach {
        Disconnect-PartnerRelationship
        $script:Folder = New-TestFolder
        $script:Config = New-RunbookConfig $script:Folder
        $env:PR_TEST_SECRET = $Sandbox.ClientSecret
    }
    AfterEach {
        Disconnect-PartnerRelationship
        $env:PR_TEST_SECRET = $null
        Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'cancels pending reseller invites from the pipeline, without a connection' {
        $offline = New-TestConfig -Folder $Folder
        $null = New-ResellerInvite -CustomerName 'Contoso' -CustomerEmail 'admin@contoso.com' -ConfigPath $offline
        $null = New-ResellerInvite -CustomerName 'Fabrikam' -CustomerEmail 'admin@fabrikam.example' -ConfigPath $offline

        $cancelled = Get-ResellerInvite -Status Pending -ConfigPath $offline | Remove-ResellerInvite -ConfigPath $offline -Confirm:$false -PassThru

        $cancelled.CustomerName | Should -Be @('Contoso', 'Fabrikam')
        $cancelled | ForEach-Object { $_.GetType().FullName | Should -Be 'PartnerRelationships.Core.Invites.ResellerInvite' }
        $cancelled.Status | Should -Be @('Cancelled', 'Cancelled')
        @(Get-ResellerInvite -Status Pending -ConfigPath $offline).Count | Should -Be 0
        $history = (Get-ResellerInvite -CustomerName Contoso -IncludeHistory -ConfigPath $offline).History
        "$($history[1].FromStatus)->$($history[1].ToStatus)" | Should -Be 'Pending->Cancelled'
    }

    It 'outputs nothing without -PassThru' {
        $invite = New-ResellerInvite -CustomerName 'Quiet' -CustomerEmail 'a@quiet.example' -ConfigPath $Config
        Remove-ResellerInvite -Id $invite.Id -ConfigPath $Config -Confirm:$false | Should -BeNullOrEmpty
        (Get-ResellerInvite -Id $invite.Id -ConfigPath $Config).Status | Should -Be 'Cancelled'
    }

    It 'warns that a granular relationship awaiting approval stays valid' {
        $invite = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Awaiting Co' -CustomerEmail 'a@awaiting.example' -ConfigPath $Config
        $null = Invoke-SandboxControl -Method Post -Path 'process' # the request starts created; the service moves the relationship afterwards

        $null = Remove-ResellerInvite -Id $invite.Id -ConfigPath $Config -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'approval'
        "$($warnings[0])" | Should -Match 'expires'
        (Get-ResellerInvite -Id $invite.Id -ConfigPath $Config).Status | Should -Be 'Cancelled'
        (Get-SandboxRelationship $invite.RelationshipId).status | Should -Be 'approvalPending'
    }

    It 'refuses an invite that is no longer pending and goes on with the next' {
        $first = New-ResellerInvite -CustomerName 'Done Already' -CustomerEmail 'a@done.example' -ConfigPath $Config
        $second = New-ResellerInvite -CustomerName 'Still Pending' -CustomerEmail 'a@still.example' -ConfigPath $Config
        Remove-ResellerInvite -Id $first.Id -ConfigPath $Config -Confirm:$false

        $out = $first, $second | Remove-ResellerInvite -ConfigPath $Config -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures

        $out.Id | Should -Be $second.Id
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "InviteNotPending,$CommandId"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].TargetObject | Should -Be $first.Id
    }

    It 'refuses a granular invite the customer already approved' {
        $invite = New-ResellerInvite -Kind GranularAdmin -CustomerName 'Approved Co' -CustomerEmail 'a@approved.example' -ConfigPath $Config
        $null = Invoke-SandboxControl -Method Post -Path "relationships/$($invite.RelationshipId)/approve"

        { Remove-ResellerInvite -Id $invite.Id -ConfigPath $Config -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "InviteAlreadyAccepted,$CommandId"
        (Get-ResellerInvite -Id $invite.Id -ConfigPath $Config).Status | Should -Be 'Pending'
    }

    It 'says when an invite does not exist' {
        $id = [guid]::NewGuid()
        $err = { Remove-ResellerInvite -Id $id -ConfigPath $Config -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId "InviteNotFound,$CommandId" -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'changes nothing with -WhatIf' {
        $reseller = New-ResellerInvite -CustomerName 'WhatIf Reseller' -CustomerEmail 'a@whatif.example' -ConfigPath $Config
        $granular = New-ResellerInvite -Kind GranularAdmin -CustomerName 'WhatIf Granular' -CustomerEmail 'a@whatif-granular.example' -ConfigPath $Config
        $null = Invoke-SandboxControl -Method Post -Path 'process' # the request starts created; the service moves the relationship afterwards

        $reseller, $granular | Remove-ResellerInvite -ConfigPath $Config -WhatIf

        @(Get-ResellerInvite -Status Pending -ConfigPath $Config).Count | Should -Be 2
        (Get-SandboxRelationship $granular.RelationshipId).status | Should -Be 'approvalPending'
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-ResellerInvite))
        $metadata.ConfirmImpact | Should -Be 'High'
        $metadata.SupportsShouldProcess | Should -BeTrue
    }
}
