using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Tests.Invites;

public class InviteMailtoTests
{
    [Fact]
    public void Has_the_rfc_6068_shape()
    {
        var uri = InviteMailto.Create("admin@contoso.com", "Hello Contoso", "Line one\nLine two");

        Assert.Equal("mailto:admin@contoso.com?subject=Hello%20Contoso&body=Line%20one%0D%0ALine%20two", uri);
    }

    [Fact]
    public void Encodes_everything_but_unreserved_characters_as_utf8()
    {
        Assert.Equal("aZ09-._~%20%26%3D%3F%23%25%2B%2F%3A%40%C3%A9%E2%82%AC%F0%9F%98%80", InviteMailto.PercentEncode("aZ09-._~ &=?#%+/:@é€😀"));
    }

    [Fact]
    public void Every_line_break_style_becomes_crlf()
    {
        var uri = InviteMailto.Create("a@b.cd", "s", "1\r\n2\r3\n4");

        Assert.EndsWith("body=1%0D%0A2%0D%0A3%0D%0A4", uri);
    }

    [Fact]
    public void Plus_in_the_address_is_encoded_so_it_is_not_read_as_a_space()
    {
        Assert.StartsWith("mailto:first%2Btag@contoso.com?", InviteMailto.Create("first+tag@contoso.com", "s", "b"));
    }

    [Theory]
    [InlineData("Réseau & Co: 100% sûr?", "Grüße,\n\nfollow https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1&msppId=0&DAP=true#/x\n— Fabrikam 😀")]
    [InlineData("", "")]
    public void Round_trips_through_decoding(string subject, string body)
    {
        var uri = InviteMailto.Create("admin@contoso.com", subject, body);

        Assert.Matches("^mailto:admin@contoso.com\\?subject=[^&?#]*&body=[^&?#]*$", uri);
        var query = uri.Substring(uri.IndexOf('?') + 1).Split('&');
        Assert.Equal(subject, Uri.UnescapeDataString(query[0].Substring("subject=".Length)));
        Assert.Equal(body.Replace("\n", "\r\n"), Uri.UnescapeDataString(query[1].Substring("body=".Length)));
    }

    [Fact]
    public void Recorded_invites_expose_their_mailto()
    {
        var invite = new ResellerInvite { CustomerEmail = "admin@contoso.com", Subject = "S", Body = "B" };

        Assert.Equal("mailto:admin@contoso.com?subject=S&body=B", invite.MailtoUri);
    }
}
