using System.Text.RegularExpressions;
using PartnerRelationships.Core.Invites;
using static PartnerRelationships.Core.Tests.Invites.MimeDecoding;

namespace PartnerRelationships.Core.Tests.Invites;

public class EmlWriterTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 20, 10, 0, 5, TimeSpan.Zero);

    public static TheoryData<string, string> Drafts => new()
    {
        { "Fabrikam requests a reseller relationship with Contoso", "Dear Contoso,\n\nfollow this:\n\nhttps://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1234567&msppId=0&DAP=true#/BillingAccounts/partner-invitation\n\nKind regards,\nFabrikam" },
        { "Réseau Müller & Söhne — demande de relation 🤝", "Grüße aus Köln,\n\nÇa marche: 1 = 1, 100% sûr.\n日本語のテキスト\n\n— Fabrikam 😀" },
        { "word " + string.Join(" ", Enumerable.Repeat("lorem-ipsum-dolor", 30)), "trailing space \nand tab\t\n" + new string('x', 300) + "\n=start =3D end=" },
        { new string('A', 120), " leading space\n\n\n" },
        { string.Concat(Enumerable.Repeat("é", 200)), "" },
        { "Looks =?utf-8?B?SGk=?= encoded", "." },
    };

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Uses_crlf_everywhere_and_no_bare_lf_or_cr(string subject, string body)
    {
        var message = EmlWriter.Compose("admin@contoso.com", subject, body, When);

        Assert.DoesNotMatch("(?<!\r)\n", message);
        Assert.DoesNotMatch("\r(?!\n)", message);
        Assert.EndsWith("\r\n", message);
    }

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Is_pure_ascii(string subject, string body)
    {
        var message = EmlWriter.Compose("admin@contoso.com", subject, body, When);

        Assert.All(message, c => Assert.InRange(c, '\0', '\x7F'));
        Assert.Equal(message, System.Text.Encoding.ASCII.GetString(EmlWriter.ComposeBytes("admin@contoso.com", subject, body, When)));
    }

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Header_lines_are_at_most_78_characters(string subject, string body)
    {
        var (headerLines, _) = Split(EmlWriter.Compose("admin@contoso.com", subject, body, When));

        Assert.All(headerLines, line => Assert.True(line.Length <= 78, $"{line.Length}: {line}"));
        Assert.All(headerLines.Skip(1), line => Assert.Matches("^([A-Za-z-]+: |[ \t])", line));
    }

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Has_the_draft_headers_and_the_subject_decodes_back(string subject, string body)
    {
        var (headerLines, _) = Split(EmlWriter.Compose("admin@contoso.com", subject, body, When));
        var headers = Headers(headerLines);

        Assert.Equal("admin@contoso.com", headers["To"]);
        Assert.Equal(subject, DecodeEncodedWords(headers["Subject"]));
        Assert.Equal("Fri, 20 Nov 2026 10:00:05 +0000", headers["Date"]);
        Assert.Equal("1.0", headers["MIME-Version"]);
        Assert.Equal("text/plain; charset=utf-8", headers["Content-Type"]);
        Assert.Equal("quoted-printable", headers["Content-Transfer-Encoding"]);
        Assert.Equal("1", headers["X-Unsent"]);
        Assert.False(headers.ContainsKey("From"));
    }

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Body_is_quoted_printable_that_decodes_back(string subject, string body)
    {
        var (_, encoded) = Split(EmlWriter.Compose("admin@contoso.com", subject, body, When));

        Assert.EndsWith("\r\n", encoded);
        encoded = encoded.Substring(0, encoded.Length - 2);
        foreach (var line in encoded.Split("\r\n"))
        {
            Assert.True(line.Length <= 76, $"{line.Length}: {line}");
            Assert.DoesNotMatch("[ \t]$", line);
            Assert.Matches("^([\x21-\x3C\x3E-\x7E \t]|=[0-9A-F]{2}|=$)*$", line);
        }

        Assert.Equal(body.Replace("\n", "\r\n"), DecodeQuotedPrintable(encoded));
    }

    [Fact]
    public void Plain_subject_stays_readable()
    {
        var (headerLines, _) = Split(EmlWriter.Compose("a@b.cd", "Hello Contoso", "b", When));

        Assert.Contains("Subject: Hello Contoso", headerLines);
    }

    [Fact]
    public void Long_plain_subject_is_folded_at_spaces_not_encoded()
    {
        var subject = string.Join(" ", Enumerable.Repeat("reseller", 25));

        var folded = EmlWriter.FoldSubject(subject);

        Assert.DoesNotContain("=?", folded);
        Assert.Contains("\r\n ", folded);
        Assert.Equal("Subject: " + subject, Regex.Replace(folded, "\r\n(?=[ \t])", ""));
    }

    [Fact]
    public void Non_ascii_subject_uses_utf8_encoded_words()
    {
        Assert.StartsWith("Subject: =?utf-8?B?", EmlWriter.FoldSubject("Grüße"));
    }

    [Fact]
    public void Encoded_words_never_split_a_character()
    {
        var subject = string.Concat(Enumerable.Repeat("😀é", 40));
        var words = Regex.Matches(EmlWriter.FoldSubject(subject), @"=\?utf-8\?B\?([^?]*)\?=");

        Assert.True(words.Count > 1);
        Assert.All(words, w => Assert.True(w.Length <= 75));
        var pieces = words.Select(w => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(w.Groups[1].Value)));
        Assert.All(pieces, p => Assert.DoesNotContain('\uFFFD', p));
        Assert.Equal(subject, string.Concat(pieces));
    }

    [Theory]
    [InlineData(0, "Fri, 20 Nov 2026 10:00:05 +0000")]
    [InlineData(90, "Fri, 20 Nov 2026 11:30:05 +0130")]
    [InlineData(-300, "Fri, 20 Nov 2026 05:00:05 -0500")]
    public void Date_is_rfc_5322(int offsetMinutes, string expected)
    {
        Assert.Equal(expected, EmlWriter.FormatDate(When.ToOffset(TimeSpan.FromMinutes(offsetMinutes))));
    }

    [Fact]
    public void Quoted_printable_encodes_equals_and_trailing_whitespace()
    {
        Assert.Equal("a=3Db=20\r\nc=09\r\n=C3=A9", QuotedPrintable.Encode("a=b \nc\t\né"));
    }
}
