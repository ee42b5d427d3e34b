using System;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote.Authentication;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// Reads a client secret from a SecretManagement vault with Get-Secret. Runs PowerShell, so it must be called on
/// the pipeline thread (credentials are built there, before any async work).
/// </summary>
internal static class SecretManagementVault
{
    public static ISecretSource For(PSCmdlet cmdlet) => new VaultSecretSource((vault, name) => Fetch(cmdlet, vault, name));

    /// <summary>Reads another secret (vault, name) through Get-Secret, on the pipeline thread.</summary>
    /// <param name="what">What the secret is, e.g. "The alert webhook's address".</param>
    /// <param name="settings">The configuration keys that name the vault and secret.</param>
    /// <param name="instead">What to use without a vault, e.g. "compliance.alert.webhookUrlVariable".</param>
    public static Func<string, string, string?> Reader(PSCmdlet cmdlet, string what, string settings, string instead) =>
        (vault, name) => Fetch(cmdlet, vault, name, what, settings, instead);

    private static string? Fetch(
        PSCmdlet cmdlet, string vault, string name, string what = "The client secret", string settings = "Auth.SecretVault and Auth.SecretName",
        string instead = "-ClientSecretVariable / -ClientSecret")
    {
        // Get-Command autoloads an installed module; InvokeCommand.GetCommand alone would not.
        var found = cmdlet.InvokeCommand.InvokeScript(
            "Get-Command -Name Microsoft.PowerShell.SecretManagement\\Get-Secret -CommandType Cmdlet, Function -ErrorAction SilentlyContinue");
        if (found.Count == 0)
        {
            throw new PartnerRelationshipsException(
                "SecretManagementNotAvailable",
                ErrorKind.NotEnabled,
                $"{what} is to come from the vault '{vault}', but the Microsoft.PowerShell.SecretManagement module is not installed. " +
                $"Install it (Install-PSResource Microsoft.PowerShell.SecretManagement) and register the vault, or use {instead} instead.",
                vault);
        }

        try
        {
            var result = cmdlet.InvokeCommand.InvokeScript(
                "param($vault, $name) Microsoft.PowerShell.SecretManagement\\Get-Secret -Vault $vault -Name $name -AsPlainText -ErrorAction Stop",
                false, System.Management.Automation.Runspaces.PipelineResultTypes.None, null, vault, name);
            return result.Select(o => o?.BaseObject?.ToString()).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        }
        catch (RuntimeException ex)
        {
            // Get-Secret's message names the vault and secret, never the value.
            throw new PartnerRelationshipsException(
                "SecretNotFound",
                ErrorKind.ObjectNotFound,
                $"Could not read the secret '{name}' from the vault '{vault}': {ex.Message} Check {settings} (Get-SecretInfo lists what the vault holds).",
                name);
        }
    }
}
