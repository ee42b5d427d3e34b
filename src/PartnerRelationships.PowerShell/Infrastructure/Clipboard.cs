using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// Copies text with PowerShell's own Set-Clipboard, which knows each platform's clipboard. Where none exists
/// (a headless Linux runbook, no xclip), the user gets a clear error instead of a silent no-op.
/// </summary>
internal static class Clipboard
{
    public static void SetText(PSCmdlet cmdlet, string text)
    {
        var command = cmdlet.InvokeCommand.GetCommand("Set-Clipboard", CommandTypes.Cmdlet | CommandTypes.Function);
        if (command is null)
        {
            cmdlet.WriteError(Unavailable("Set-Clipboard is not available in this session."));
            return;
        }

        try
        {
            cmdlet.InvokeCommand.InvokeScript(
                "param($text) Set-Clipboard -Value $text -ErrorAction Stop", true, PipelineResultTypes.None, null, text);
        }
        catch (RuntimeException exception)
        {
            cmdlet.WriteError(Unavailable(exception.Message));
        }
    }

    private static ErrorRecord Unavailable(string reason) => ErrorRecords.Create(
        ErrorIds.Module.ClipboardUnavailable,
        ErrorCategory.ResourceUnavailable,
        $"The draft could not be copied to the clipboard: {reason} The invite was recorded; use its MailtoUri or -OutFile instead (on Linux, install xclip or wl-clipboard).",
        null);
}
