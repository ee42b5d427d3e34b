using System.Text;
using System.Text.RegularExpressions;

namespace PartnerRelationships.Core.Tests.Invites;

/// <summary>Independent decoders for checking what EmlWriter produces (quoted-printable, RFC 2047, folding).</summary>
internal static class MimeDecoding
{
    public static (string[] HeaderLines, string Body) Split(string message)
    {
        var end = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, "no blank line between headers and body");
        return (message.Substring(0, end).Split("\r\n"), message.Substring(end + 4));
    }

    /// <summary>Unfolded headers by name (RFC 5322 §2.2.3: remove CRLF that precedes whitespace).</summary>
    public static Dictionary<string, string> Headers(string[] lines)
    {
        var unfolded = Regex.Replace(string.Join("\r\n", lines), "\r\n(?=[ \t])", "");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in unfolded.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            headers.Add(line.Substring(0, colon), line.Substring(colon + 1).TrimStart());
        }

        return headers;
    }

    /// <summary>RFC 2047: adjacent encoded-words separated only by whitespace join without it.</summary>
    public static string DecodeEncodedWords(string value)
    {
        var joined = Regex.Replace(value, @"\?=\s+=\?", "?==?");
        return Regex.Replace(joined, @"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=", m =>
            Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)), RegexOptions.IgnoreCase);
    }

    public static string DecodeQuotedPrintable(string encoded)
    {
        var bytes = new List<byte>();
        var text = encoded.Replace("=\r\n", "");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
