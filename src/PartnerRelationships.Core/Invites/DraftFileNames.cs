using System;
using System.IO;
using System.Linq;
using System.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>Turns a customer name into a file name that is valid on Windows, macOS and Linux.</summary>
public static class DraftFileNames
{
    public const int MaxStemLength = 100;

    // Windows' rules are the strictest; apply them everywhere so drafts written on Linux copy to Windows intact.
    private static readonly char[] Invalid = Path.GetInvalidFileNameChars().Concat("<>:\"/\\|?*").Distinct().ToArray();

    private static readonly string[] ReservedOnWindows =
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary><c>Northwind Traders</c> → <c>Northwind-Traders.eml</c>.</summary>
    public static string ForCustomer(string customerName) => Stem(customerName) + ".eml";

    private static string Stem(string customerName)
    {
        var builder = new StringBuilder();
        var pendingDash = false;
        foreach (var c in customerName ?? "")
        {
            if (char.IsWhiteSpace(c))
            {
                pendingDash = builder.Length > 0;
                continue;
            }

            if (pendingDash)
            {
                builder.Append('-');
                pendingDash = false;
            }

            builder.Append(char.IsControl(c) || Array.IndexOf(Invalid, c) >= 0 ? '_' : c);
        }

        var stem = builder.ToString().Trim('.', '-', ' ');
        if (stem.Length > MaxStemLength)
        {
            stem = stem.Substring(0, MaxStemLength).TrimEnd('.', '-', ' ');
        }

        if (stem.Length == 0)
        {
            return "invite";
        }

        return ReservedOnWindows.Contains(stem, StringComparer.OrdinalIgnoreCase) ? stem + "_" : stem;
    }
}
