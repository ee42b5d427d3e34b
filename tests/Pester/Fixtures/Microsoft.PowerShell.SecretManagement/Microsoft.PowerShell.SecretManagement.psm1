# A stand-in for Microsoft.PowerShell.SecretManagement (not on NuGet, so not restorable here): Get-Secret and
# Set-Secret over a JSON file named by $env:PR_FAKE_VAULT_FILE, so every runspace of the test process (the module
# writes rotated refresh tokens back from a runspace of its own) sees the same vault. Tests only.
function Read-FakeVault {
    if (-not $env:PR_FAKE_VAULT_FILE) { throw 'PR_FAKE_VAULT_FILE is not set.' }
    if (-not (Test-Path $env:PR_FAKE_VAULT_FILE)) { return @{} }
    $data = Get-Content $env:PR_FAKE_VAULT_FILE -Raw | ConvertFrom-Json -AsHashtable
    if ($null -eq $data) { @{} } else { $data }
}

function Get-Secret {
    param([Parameter(Mandatory)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    $data = Read-FakeVault
    $key = "$Vault/$Name"
    if (-not $data.ContainsKey($key)) { throw "The secret $Name was not found in $Vault." }
    $value = $data[$key]
    if ($AsPlainText) { return $value }
    ConvertTo-SecureString $value -AsPlainText -Force
}

function Set-Secret {
    param([Parameter(Mandatory)] [string] $Name, [string] $Vault, [Parameter(Mandatory)] [object] $Secret)
    if ($Vault -eq 'ReadOnlyVault') { throw "The vault $Vault is read-only." }
    $data = Read-FakeVault
    $plain = if ($Secret -is [securestring]) { [Net.NetworkCredential]::new('', $Secret).Password } else { "$Secret" }
    $data["$Vault/$Name"] = $plain
    $data | ConvertTo-Json | Set-Content -Path $env:PR_FAKE_VAULT_FILE -Encoding utf8NoBOM
}

Export-ModuleMember -Function Get-Secret, Set-Secret
