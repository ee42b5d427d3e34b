using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// Writes an invite as an RFC 5322 / MIME message that mail clients open as an unsent draft (<c>X-Unsent: 1</c>):
/// CRLF line ends, header lines folded to 78 characters, a non-ASCII subject as RFC 2047 encoded-words, and a
/// quoted-printable UTF-8 body. There is no From header: the mail client fills in the sender when it is sent.
/// </summary>
public static class EmlWriter
{
    public const int MaxHeaderLineLength = 78;

    // 39 UTF-8 bytes make 52 base64 characters, a 64-character encoded-word: within RFC 2047's 75 and, after
    // "Subject: ", within a 78-character line.
    private const int MaxEncodedWordBytes = 39;

    /// <summary>The whole message as text; it is pure ASCII, so any ASCII-compatible encoding writes it unchanged.</summary>
    public static string Compose(string to, string subject, string body, DateTimeOffset date)
    {
        if (to is null)
        {
            throw new ArgumentNullException(nameof(to));
        }

        var message = new StringBuilder();
        // An addr-spec cannot be folded; a valid one longer than 74 characters gives a longer (still legal) line.
        AppendHeader(message, "To: " + to);
        AppendHeader(message, FoldSubject(subject ?? ""));
        AppendHeader(message, "Date: " + FormatDate(date));
        AppendHeader(message, "MIME-Version: 1.0");
        AppendHeader(message, "Content-Type: text/plain; charset=utf-8");
        AppendHeader(message, "Content-Transfer-Encoding: quoted-printable");
        AppendHeader(message, "X-Unsent: 1");
        message.Append("\r\n");
        message.Append(QuotedPrintable.Encode(body ?? ""));
        message.Append("\r\n");
        return message.ToString();
    }

    /// <summary>The bytes to write to an .eml file.</summary>
    public static byte[] ComposeBytes(string to, string subject, string body, DateTimeOffset date) =>
        Encoding.ASCII.GetBytes(Compose(to, subject, body, date));

    /// <summary>RFC 5322 date-time, e.g. <c>Fri, 20 Nov 2026 10:00:00 +0000</c>.</summary>
    public static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) +
               sign + absolute.Hours.ToString("00", CultureInfo.InvariantCulture) +
               absolute.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The Subject header, folded; encoded-words when it is not plain ASCII or cannot be folded.</summary>
    public static string FoldSubject(string subject)
    {
        if (IsPlainAscii(subject) && !subject.Contains("=?") && TryFoldAtSpaces("Subject:", subject, out var folded))
        {
            return folded;
        }

        return "Subject: " + string.Join("\r\n ", EncodedWords(subject));
    }

    private static void AppendHeader(StringBuilder message, string header) => message.Append(header).Append("\r\n");

    private static bool TryFoldAtSpaces(string name, string value, out string folded)
    {
        var builder = new StringBuilder();
        var line = new StringBuilder(name);
        var hasWord = false;
        foreach (var word in value.Split(' '))
        {
            var piece = " " + word;
            if (hasWord && line.Length + piece.Length > MaxHeaderLineLength)
            {
                builder.Append(line).Append("\r\n");
                line.Clear();
            }

            line.Append(piece);
            hasWord = word.Length > 0 || hasWord;
            if (line.Length > MaxHeaderLineLength)
            {
                folded = "";
                return false;
            }
        }

        builder.Append(line);
        folded = builder.ToString();
        return true;
    }

    private static IEnumerable<string> EncodedWords(string text)
    {
        var chunk = new List<byte>();
        var i = 0;
        while (i < text.Length)
        {
            // Never split a surrogate pair: each encoded-word must decode to whole characters.
            var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var bytes = Encoding.UTF8.GetBytes(text.Substring(i, length));
            if (chunk.Count + bytes.Length > MaxEncodedWordBytes)
            {
                yield return EncodedWord(chunk);
                chunk.Clear();
            }

            chunk.AddRange(bytes);
            i += length;
        }

        if (chunk.Count > 0 || text.Length == 0)
        {
            yield return EncodedWord(chunk);
        }
    }

    private static string EncodedWord(List<byte> bytes) => "=?utf-8?B?" + Convert.ToBase64String(bytes.ToArray()) + "?=";

    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }

        return true;
    }
}
