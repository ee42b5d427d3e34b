using System;
using System.IO;
using System.Linq;
using System.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>Turns a customer name into a file name that is valid on Windows, macOS and Linux.</summary>
public static class DraftFileNames
{
    /// <summary>
    /// The most UTF-8 bytes a name's stem may take. File systems limit names in bytes (255 on ext4, APFS), and the
    /// draft is staged as '.Name.eml.&lt;32 hex&gt;.tmp' first: 42 bytes more. 200 leaves room; on Windows (255 UTF-16
    /// units) 200 bytes are at most 200 units.
    /// </summary>
    public const int MaxStemBytes = 200;

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

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes that ends on a character boundary (never half a surrogate pair).</summary>
    internal static string CutToBytes(string text, int maxBytes)
    {
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var size = pair ? 4 : text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes)
            {
                return text.Substring(0, i);
            }

            bytes += size;
            if (pair)
            {
                i++;
            }
        }

        return text;
    }

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

        var stem = CutToBytes(builder.ToString().Trim('.', '-', ' '), MaxStemBytes).TrimEnd('.', '-', ' ');

        if (stem.Length == 0)
        {
            return "invite";
        }

        return ReservedOnWindows.Contains(stem, StringComparer.OrdinalIgnoreCase) ? stem + "_" : stem;
    }
}
