using System.Collections.Generic;
using System.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// RFC 2045 quoted-printable encoding of UTF-8 text: hard line breaks become CRLF, lines stay within 76 characters
/// using soft breaks (<c>=</c> at the end), and <c>=</c>, non-ASCII bytes, and whitespace before a line end are encoded.
/// </summary>
public static class QuotedPrintable
{
    public const int MaxLineLength = 76;

    public static string Encode(string text)
    {
        var output = new StringBuilder(text.Length + text.Length / 4);
        var lines = InviteTemplate.NormaliseNewlines(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                output.Append("\r\n");
            }

            EncodeLine(output, lines[i]);
        }

        return output.ToString();
    }

    private static void EncodeLine(StringBuilder output, string line)
    {
        var tokens = Tokenise(Encoding.UTF8.GetBytes(line));
        var length = 0;
        foreach (var token in tokens)
        {
            // Keep one column for the '=' of a soft break, so every line, soft or hard, is within the limit.
            if (length + token.Length > MaxLineLength - 1)
            {
                output.Append("=\r\n");
                length = 0;
            }

            output.Append(token);
            length += token.Length;
        }
    }

    private static List<string> Tokenise(byte[] bytes)
    {
        var tokens = new List<string>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var isLast = i == bytes.Length - 1;
            var literal = (b >= 33 && b <= 126 && b != (byte)'=') || ((b == (byte)' ' || b == (byte)'\t') && !isLast);
            tokens.Add(literal ? ((char)b).ToString() : "=" + b.ToString("X2"));
        }

        return tokens;
    }
}
