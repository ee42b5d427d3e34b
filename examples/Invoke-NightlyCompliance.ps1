<#
.SYNOPSIS
    The nightly compliance runbook: checks every customer, writes an HTML and a JSON report, and fails on errors.
.DESCRIPTION
    What an Azure Automation account (or cron, or a CI schedule) runs every night. Nothing in it prompts:

    - Sign-in is app-only and comes from the configuration's auth section: ManagedIdentity in an automation account,
      or ClientSecret with the secret in an environment variable (auth.clientSecretVariable) or a SecretManagement
      vault (auth.secretVault / auth.secretName), or Certificate. A configuration that would prompt (Interactive,
      DeviceCode) is refused before anything is checked.
    - The store is the configuration's store section: for a fleet of runbook workers, the shared PostgreSQL store
      (connection string in an environment variable or vault), so every run is recorded in one place and each report
      says what is new since the last run.
    - Compliance thresholds and switched-off rules come from the configuration's compliance section.
    - When the configuration has compliance.alert (a Teams workflow or any webhook taking JSON, its address in an
      environment variable or vault), the summary and the new errors and warnings are posted there, only when
      something new appeared.
    - Before the first nightly run, adopt what already exists once (Import-PartnerRelationship), so the first report
      shows real findings instead of every relationship made before the module as "unknown to the store".

    The reports are written to -ReportFolder as compliance-<yyyyMMdd-HHmmss>.html (for people: open it in any
    browser, it needs no network) and .json (for machines), named after the run's start time (UTC).

    Exit codes (pwsh -File): 0 the run passed; 1 the run found findings at -FailOn or above (the reports and findings
    are written first); 2 the check could not run (configuration, sign-in, store or service error).
.PARAMETER ConfigPath
    The YAML configuration. Defaults to $env:PARTNERRELATIONSHIPS_CONFIG, which is how an automation account usually
    passes it.
.PARAMETER ReportFolder
    Where the reports go; created if missing. Defaults to $env:PARTNERRELATIONSHIPS_REPORTS, else ./compliance-reports.
.PARAMETER FailOn
    Error (the default): exit 1 when any finding is an Error. Warning: also on warnings. None: never fail on findings.
.PARAMETER MinimumSeverity
    Leave findings below this severity out of the output and reports (Info by default: report everything).
.PARAMETER ModulePath
    The PartnerRelationships module to import (a .psd1 path or module name). Defaults to the installed module.
.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyCompliance.ps1 -ConfigPath /etc/partner/partner.yaml -ReportFolder /srv/reports

    Runs the check with the configuration's app-only sign-in and shared store; exit code 1 when there are errors.
.EXAMPLE
    $env:PARTNERRELATIONSHIPS_CONFIG = '/etc/partner/partner.yaml'; ./Invoke-NightlyCompliance.ps1 -FailOn Warning

    Fails the scheduled job on warnings too.
.NOTES
    A configuration for an automation account with a managed identity and the shared store:

        partner: { tenantId: <guid>, mpnId: '<id>', name: Contoso Cloud }
        auth: { mode: ManagedIdentity }
        store: { provider: postgres, connectionStringVariable: PARTNERRELATIONSHIPS_STORE }
        compliance:
          pendingInviteDays: 14
          expiringWithinDays: 30
          forbiddenRoles: [ Privileged Role Administrator ]
          alert: { webhookUrlVariable: PARTNERRELATIONSHIPS_ALERT_WEBHOOK }
#>
[CmdletBinding()]
param(
    [string] $ConfigPath = $env:PARTNERRELATIONSHIPS_CONFIG,

    [string] $ReportFolder = $(if ($env:PARTNERRELATIONSHIPS_REPORTS) { $env:PARTNERRELATIONSHIPS_REPORTS } else { Join-Path (Get-Location) 'compliance-reports' }),

    [ValidateSet('Error', 'Warning', 'None')]
    [string] $FailOn = 'Error',

    [ValidateSet('Info', 'Warning', 'Error')]
    [string] $MinimumSeverity = 'Info',

    [string] $ModulePath = 'PartnerRelationships'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'   # a scheduled job has nobody to show a progress bar to

try {
    Import-Module $ModulePath

    if (-not $ConfigPath) {
        throw 'No configuration: pass -ConfigPath or set $env:PARTNERRELATIONSHIPS_CONFIG.'
    }
    $config = Get-PartnerRelationshipConfig -ConfigPath $ConfigPath
    if ("$($config.Auth.Mode)" -in 'Interactive', 'DeviceCode') {
        throw "The configuration '$ConfigPath' signs in with $($config.Auth.Mode), which needs a person. Set auth.mode to ManagedIdentity, ClientSecret (with clientSecretVariable or a vault) or Certificate for a scheduled run."
    }

    $stamp = [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss')
    $htmlReport = Join-Path $ReportFolder "compliance-$stamp.html"
    $jsonReport = [IO.Path]::ChangeExtension($htmlReport, '.json')
    $check = @{
        ConfigPath      = $ConfigPath
        ReportPath      = $htmlReport
        ReportFormat    = 'Html', 'Json'
        MinimumSeverity = $MinimumSeverity
    }
    if ($FailOn -ne 'None') { $check.FailOn = $FailOn }
    if ($config.Compliance.Alert.IsConfigured) { $check.Alert = $true }
}
catch {
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 2
}

try {
    # Findings go to the job's output as one line each; the information stream carries the summary.
    Test-PartnerCompliance @check -InformationAction Continue |
        ForEach-Object { '{0,-7} {1} {2}: {3}' -f $_.Severity, $_.RuleId, $(if ($_.CustomerName) { $_.CustomerName } else { $_.CustomerTenantId }), $_.Message }
    "Reports: $htmlReport, $jsonReport"
    exit 0
}
catch {
    $failedOnFindings = $_.FullyQualifiedErrorId -like 'ComplianceCheckFailed,*'
    if ($failedOnFindings) { "Reports: $htmlReport, $jsonReport" }
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit $(if ($failedOnFindings) { 1 } else { 2 })
}
