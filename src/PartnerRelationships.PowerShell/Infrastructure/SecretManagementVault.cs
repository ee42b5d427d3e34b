using System;
using System.Linq;
using System.Management.Automation;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote.Authentication;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// Reads secrets from a SecretManagement vault with Get-Secret (on the pipeline thread: credentials are built there,
/// before any async work), and writes a rotated refresh token back with Set-Secret (from whatever thread the token
/// exchange runs on, so in a runspace of its own).
/// </summary>
internal static class SecretManagementVault
{
    private const string Module = "Microsoft.PowerShell.SecretManagement";

    public static ISecretSource For(PSCmdlet cmdlet) => new VaultSecretSource((vault, name) => Fetch(cmdlet, vault, name));

    /// <summary>Reads another secret (vault, name) through Get-Secret, on the pipeline thread.</summary>
    /// <param name="what">What the secret is, e.g. "The alert webhook's address".</param>
    /// <param name="settings">The configuration keys that name the vault and secret.</param>
    /// <param name="instead">What to use without a vault, e.g. "compliance.alert.webhookUrlVariable".</param>
    public static Func<string, string, string?> Reader(PSCmdlet cmdlet, string what, string settings, string instead) =>
        (vault, name) => Fetch(cmdlet, vault, name, what, settings, instead);

    private static string? Fetch(
        PSCmdlet cmdlet, string vault, string name, string what = "A sign-in secret (client secret or refresh token)",
        string settings = "the auth section's vault and secret names", string instead = "an environment variable named in the auth section")
    {
        // Get-Command autoloads an installed module; InvokeCommand.GetCommand alone would not.
        var found = cmdlet.InvokeCommand.InvokeScript(
            $"Get-Command -Name {Module}\\Get-Secret -CommandType Cmdlet, Function -ErrorAction SilentlyContinue");
        if (found.Count == 0)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.SignIn.SecretManagementNotAvailable,
                ErrorKind.NotEnabled,
                $"{what} is to come from the vault '{vault}', but the Microsoft.PowerShell.SecretManagement module is not installed. " +
                $"Install it (Install-PSResource Microsoft.PowerShell.SecretManagement) and register the vault, or use {instead} instead.",
                vault);
        }

        try
        {
            var result = cmdlet.InvokeCommand.InvokeScript(
                $"param($vault, $name) {Module}\\Get-Secret -Vault $vault -Name $name -AsPlainText -ErrorAction Stop",
                false, System.Management.Automation.Runspaces.PipelineResultTypes.None, null, vault, name);
            return result.Select(o => o?.BaseObject?.ToString()).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        }
        catch (RuntimeException ex)
        {
            // Get-Secret's message names the vault and secret, never the value.
            throw new PartnerRelationshipsException(
                ErrorIds.SignIn.SecretNotFound,
                ErrorKind.ObjectNotFound,
                $"Could not read the secret '{name}' from the vault '{vault}': {ex.Message} Check {settings} (Get-SecretInfo lists what the vault holds).",
                name);
        }
    }

    /// <summary>Stores <paramref name="secret"/> as <paramref name="name"/> in <paramref name="vault"/> (any thread).</summary>
    public static void Store(string vault, string name, string secret)
    {
        using var powerShell = System.Management.Automation.PowerShell.Create();
        powerShell.AddScript(
                $"param($vault, $name, $secret) if (-not (Get-Command -Name {Module}\\Set-Secret -ErrorAction SilentlyContinue)) {{ throw 'NotInstalled' }}; " +
                $"{Module}\\Set-Secret -Vault $vault -Name $name -Secret $secret -ErrorAction Stop")
            .AddArgument(vault).AddArgument(name).AddArgument(secret);
        try
        {
            powerShell.Invoke();
        }
        catch (RuntimeException ex) when (ex.Message == "NotInstalled")
        {
            throw NotInstalled(vault);
        }
        catch (RuntimeException ex)
        {
            throw NotSaved(vault, name, ex.Message, ex);
        }

        if (powerShell.HadErrors)
        {
            var first = powerShell.Streams.Error.FirstOrDefault();
            throw NotSaved(vault, name, first?.Exception?.Message ?? "Set-Secret reported an error.", first?.Exception);
        }
    }

    private static PartnerRelationshipsException NotSaved(string vault, string name, string why, Exception? inner)
        => new(
            ErrorIds.SignIn.SecretNotSaved,
            ErrorKind.WriteError,
            $"Could not write the secret '{name}' to the vault '{vault}': {why} Check that the vault is unlocked and writable for this account.",
            name,
            inner);

    private static PartnerRelationshipsException NotInstalled(string vault)
        => new(
            ErrorIds.SignIn.SecretManagementNotAvailable,
            ErrorKind.NotEnabled,
            $"A secret is to come from the vault '{vault}', but the {Module} module is not installed. " +
            $"Install it (Install-PSResource {Module}) and register the vault, or name an environment variable in the configuration instead.",
            vault);
}
