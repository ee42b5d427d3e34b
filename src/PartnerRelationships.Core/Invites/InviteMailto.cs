using System.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// Builds RFC 6068 mailto URIs: <c>mailto:addr?subject=…&amp;body=…</c>, everything but unreserved characters
/// percent-encoded as UTF-8, line breaks in the body sent as <c>%0D%0A</c> as the RFC requires.
/// </summary>
public static class InviteMailto
{
    public static string Create(string to, string subject, string body)
    {
        var builder = new StringBuilder("mailto:");
        AppendEncoded(builder, to ?? "", keepAt: true);
        builder.Append("?subject=");
        AppendEncoded(builder, subject ?? "", keepAt: false);
        builder.Append("&body=");
        AppendEncoded(builder, InviteTemplate.NormaliseNewlines(body ?? "").Replace("\n", "\r\n"), keepAt: false);
        return builder.ToString();
    }

    /// <summary>UTF-8 percent-encoding of everything except RFC 3986 unreserved characters.</summary>
    public static string PercentEncode(string value)
    {
        var builder = new StringBuilder(value.Length * 3);
        AppendEncoded(builder, value, keepAt: false);
        return builder.ToString();
    }

    private static void AppendEncoded(StringBuilder builder, string value, bool keepAt)
    {
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (IsUnreserved(c) || (keepAt && c == '@'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }
    }

    private static bool IsUnreserved(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '.' or '_' or '~';
}
