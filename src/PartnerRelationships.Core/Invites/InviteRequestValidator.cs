using System;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// Checks what a user typed before anything is composed or written. Each method returns the value as it will be
/// used (trimmed, canonical) or throws a <see cref="PartnerRelationshipsException"/> that says what to fix.
/// </summary>
public static class InviteRequestValidator
{
    public const int MaxCustomerNameLength = 256;

    /// <summary>RFC 5321's practical limit of a forward path, less the angle brackets.</summary>
    public const int MaxEmailLength = 254;

    public const int MaxLocalPartLength = 64;

    /// <summary>RFC 5322's hard limit of a header line, less nothing: a longer subject cannot be sent safely.</summary>
    public const int MaxSubjectLength = 998;

    public const int MaxBodyLength = 100_000;

    private const string EmailExample = "admin@contoso.com";

    public static string ValidateCustomerName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InvalidCustomerName,
                ErrorKind.InvalidArgument,
                "The customer name is empty. Give the customer's company name as it should appear in the email, " +
                $"for example -{ParameterNames.CustomerName} 'Contoso Ltd'.",
                "CustomerName");
        }

        RejectLineBreaks(trimmed, "customer name");
        if (!HasVisibleCharacter(trimmed))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InvalidCustomerName,
                ErrorKind.InvalidArgument,
                "The customer name has no visible character (only zero-width, formatting or blank characters). Give the " +
                $"customer's company name as it should appear in the email, for example -{ParameterNames.CustomerName} 'Contoso Ltd'.",
                "CustomerName");
        }

        if (trimmed.Length > MaxCustomerNameLength)
        {
            throw TooLong("customer name", trimmed, MaxCustomerNameLength);
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Invite.InvalidCustomerName,
                    ErrorKind.InvalidArgument,
                    $"The customer name '{InputExcerpt.Of(trimmed)}' contains a control character. Use plain text.",
                    "CustomerName");
            }
        }

        return trimmed;
    }

    /// <summary>
    /// Whether anything in the text would show: not only blanks, zero-width and formatting characters (U+200B, U+200D,
    /// U+2060, U+FEFF…), lone combining marks or the "filler" letters that render as nothing (U+3164 and kin).
    /// </summary>
    internal static bool HasVisibleCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || Array.IndexOf(InvisibleLetters, c) >= 0)
            {
                continue;
            }

            switch (char.GetUnicodeCategory(c))
            {
                case System.Globalization.UnicodeCategory.Format:
                case System.Globalization.UnicodeCategory.Control:
                case System.Globalization.UnicodeCategory.NonSpacingMark:
                case System.Globalization.UnicodeCategory.EnclosingMark:
                case System.Globalization.UnicodeCategory.SpacingCombiningMark:
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    // Letters by category that render as blank space: Hangul fillers and the blank Braille pattern.
    private static readonly char[] InvisibleLetters = { '\u115F', '\u1160', '\u3164', '\uFFA0', '\u2800' };

    /// <summary>Accepts exactly one plain address (<c>local@domain</c>), without a display name.</summary>
    public static string ValidateCustomerEmail(string? email)
    {
        // Line breaks first: they are an attempt to add headers (Bcc:…), not a typo, and say so.
        RejectLineBreaks(email ?? "", "customer email");
        var trimmed = email?.Trim() ?? "";
        if (!IsAddrSpec(trimmed))
        {
            var problem = trimmed.Length == 0 ? "is empty"
                : trimmed.IndexOfAny(new[] { ',', ';' }) >= 0 ? "holds more than one address"
                : trimmed.IndexOf('<') >= 0 ? "has a display name or angle brackets"
                : trimmed.Length > MaxEmailLength ? $"is longer than {MaxEmailLength} characters"
                : "is not a valid email address";
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InvalidCustomerEmail,
                ErrorKind.InvalidArgument,
                $"The customer email '{InputExcerpt.Of(trimmed)}' {problem}. Give exactly one address of the customer's " +
                $"administrator, without a name or brackets, for example {EmailExample}.",
                "CustomerEmail");
        }

        return trimmed;
    }

    /// <summary>Returns the tenant id in canonical form (lower case, hyphens), or null when none was given.</summary>
    public static string? ValidateCustomerTenantId(string? tenantId)
    {
        if (string.IsNullOrWhiteSpace(tenantId))
        {
            return null;
        }

        if (!Guid.TryParse(tenantId!.Trim(), out var guid))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InvalidCustomerTenantId,
                ErrorKind.InvalidArgument,
                $"The customer tenant id '{InputExcerpt.Of(tenantId)}' is not a GUID. Give the customer's Microsoft Entra " +
                "tenant id, for example 4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b, or leave it out.",
                "CustomerTenantId");
        }

        return guid.ToString("D");
    }

    /// <summary>Checks a subject after placeholders were filled in.</summary>
    public static string ValidateSubject(string subject)
    {
        RejectLineBreaks(subject, "subject");
        if (subject.Length > MaxSubjectLength)
        {
            throw TooLong("subject", subject, MaxSubjectLength);
        }

        return subject;
    }

    /// <summary>Checks a body after placeholders were filled in.</summary>
    public static string ValidateBody(string body)
    {
        if (body.Length > MaxBodyLength)
        {
            throw TooLong("body", body, MaxBodyLength);
        }

        return body;
    }

    /// <summary>
    /// A deliberately plain addr-spec: dot-atom local part, dotted host name, ASCII only (mail headers and the .eml
    /// need no encoding then). Quoted local parts and address literals are refused: no customer admin needs them.
    /// </summary>
    public static bool IsAddrSpec(string address)
    {
        if (address.Length == 0 || address.Length > MaxEmailLength)
        {
            return false;
        }

        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1)
        {
            return false;
        }

        return IsLocalPart(address.Substring(0, at)) && IsDomain(address.Substring(at + 1));
    }

    private static bool IsLocalPart(string local)
    {
        if (local.Length > MaxLocalPartLength || local[0] == '.' || local[local.Length - 1] == '.' || local.Contains(".."))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(IsAsciiLetterOrDigit(c) || c == '.' || "!#$%&'*+-/=?^_`{|}~".IndexOf(c) >= 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[label.Length - 1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        // A top-level domain is never all digits; this refuses bare IP addresses.
        var tld = labels[labels.Length - 1];
        foreach (var c in tld)
        {
            if (!char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static void RejectLineBreaks(string value, string field)
    {
        if (value.IndexOf('\r') >= 0 || value.IndexOf('\n') >= 0)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.HeaderInjection,
                ErrorKind.SecurityError,
                $"The {field} '{InputExcerpt.Of(value)}' contains a line break. Line breaks in an email header can add " +
                $"recipients or headers, so they are refused. Give the {field} on one line.",
                field);
        }
    }

    private static PartnerRelationshipsException TooLong(string field, string value, int max) =>
        new(
            ErrorIds.Invite.InputTooLong,
            ErrorKind.InvalidArgument,
            $"The {field} is {value.Length} characters long; at most {max} are allowed. Shorten it " +
            $"(it starts '{InputExcerpt.Of(value)}').",
            field);
}
