using System;
using System.Linq;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Finds the alert webhook's address: compliance.alert.webhookUrlVariable (an environment variable), else the
/// SecretManagement secret compliance.alert.secretVault / secretName (fetched by a callback: Core has no PowerShell),
/// else compliance.alert.webhookUrl. The address never appears in a message: a Teams workflow's address carries its
/// signature, and whoever has it can post to the channel.
/// </summary>
public static class WebhookAddress
{
    private static readonly string[] SignatureParameters = { "sig", "code", "token", "key", "signature" };

    /// <summary>Whether an address carries a signature or key in its query (and so is a secret).</summary>
    public static bool LooksSigned(Uri address) =>
        (address ?? throw new ArgumentNullException(nameof(address))).Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=')[0])
            .Any(name => SignatureParameters.Contains(Uri.UnescapeDataString(name), StringComparer.OrdinalIgnoreCase));

    public static Uri Resolve(AlertSettings settings, Func<string, string?> environment, Func<string, string, string?>? vaultSecret)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        string? text = null;
        if (!string.IsNullOrWhiteSpace(settings.WebhookUrlVariable))
        {
            text = environment(settings.WebhookUrlVariable!.Trim());
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Missing($"The environment variable {settings.WebhookUrlVariable} (compliance.alert.webhookUrlVariable) is not set. " +
                              "Set it to the webhook's address (for a Teams channel: the address the workflow 'Post to a channel when a webhook request is received' gives).",
                    settings.WebhookUrlVariable!);
            }
        }
        else if (!string.IsNullOrWhiteSpace(settings.SecretVault))
        {
            if (string.IsNullOrWhiteSpace(settings.SecretName))
            {
                throw new PartnerRelationshipsException(ErrorIds.Compliance.AlertWebhookMissing, ErrorKind.InvalidArgument,
                    "compliance.alert.secretVault needs compliance.alert.secretName: name the secret that holds the webhook's address.", "compliance.alert");
            }

            if (vaultSecret is null)
            {
                throw new PartnerRelationshipsException(ErrorIds.Compliance.AlertSecretVaultUnavailable, ErrorKind.NotEnabled,
                    $"The webhook's address is in the vault '{settings.SecretVault}', which cannot be read here. Install " +
                    "Microsoft.PowerShell.SecretManagement and register the vault, or use compliance.alert.webhookUrlVariable.",
                    settings.SecretVault!);
            }

            text = vaultSecret(settings.SecretVault!, settings.SecretName!);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Missing($"The secret '{settings.SecretName}' in the vault '{settings.SecretVault}' is missing or empty. Store the webhook's address there: " +
                              $"Set-Secret -Vault {settings.SecretVault} -Name {settings.SecretName} -Secret '<address>'.",
                    settings.SecretName!);
            }
        }
        else if (settings.WebhookUrl is { } plain)
        {
            return plain;
        }
        else
        {
            throw new PartnerRelationshipsException(ErrorIds.Compliance.AlertWebhookMissing, ErrorKind.InvalidArgument,
                $"-{ParameterNames.Alert} needs a webhook: set compliance.alert.webhookUrlVariable (an environment variable holding the address), " +
                "compliance.alert.secretVault and secretName, or compliance.alert.webhookUrl in the configuration.",
                "compliance.alert");
        }

        if (!Uri.TryCreate(text!.Trim(), UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw new PartnerRelationshipsException(ErrorIds.Compliance.AlertWebhookInvalid, ErrorKind.InvalidData,
                $"The webhook address from {settings.Source} is not an absolute http or https address (it is not repeated here: it may hold a secret). Check its value.",
                settings.Source);
        }

        return address;
    }

    private static PartnerRelationshipsException Missing(string message, string target) =>
        new(ErrorIds.Compliance.AlertWebhookMissing, ErrorKind.ObjectNotFound, message, target);
}
