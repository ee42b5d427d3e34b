using System;
using System.Linq;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// The rules for the partner's identity values, shared by the loader and the scaffolder so a file the scaffolder
/// writes always loads. Each check returns the problem (without the value's name) or null when the value is fine.
/// </summary>
internal static class PartnerIdentityRules
{
    public const string TenantIdAllowed =
        "Use the partner's Entra tenant id, a GUID such as 6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c";

    public const string PartnerIdAllowed =
        "Use your Partner Center (MPN) id: digits only, no spaces, e.g. 1234567";

    public const string ResellerTenantIdAllowed =
        "Use the indirect reseller's Entra tenant id, a GUID (it becomes the link's partnerId; yours, partner.tenantId, becomes indirectCSPId)";

    public const string ResellerMpnIdAllowed =
        "Use the indirect reseller's Partner Center (MPN) id: digits only (it becomes the link's msppId)";

    public const string NameAllowed =
        "Use the company name on a single line, without line breaks or control characters";

    /// <summary>A tenant id must be a non-empty GUID; it is stored in the canonical lower-case "D" form.</summary>
    public static string? TenantIdProblem(string? value, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return "is empty";
        }

        if (!Guid.TryParse(value!.Trim(), out var guid))
        {
            return $"'{Shorten(value)}' is not a GUID";
        }

        if (guid == Guid.Empty)
        {
            return "is the empty GUID";
        }

        normalized = guid.ToString("D");
        return null;
    }

    /// <summary>MPN ids are numeric; anything else would produce a reseller link Partner Center rejects.</summary>
    public static string? PartnerIdProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is empty";
        }

        return value!.All(c => c is >= '0' and <= '9') ? null : $"'{Shorten(value!)}' is not made of digits only";
    }

    public static string? NameProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "is empty";
        }

        return value!.Any(char.IsControl) ? "contains a line break or another control character" : null;
    }

    /// <summary>Echoes at most 40 characters of a (non-secret) value, on one line.</summary>
    public static string Shorten(string value)
    {
        var oneLine = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return oneLine.Length <= 40 ? oneLine : oneLine.Substring(0, 37) + "...";
    }
}
