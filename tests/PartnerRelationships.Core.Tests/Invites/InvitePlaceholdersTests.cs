using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;

namespace PartnerRelationships.Core.Tests.Invites;

public class InvitePlaceholdersTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["PartnerName"] = "Fabrikam",
        ["PartnerId"] = "1234567",
        ["CustomerName"] = "Contoso",
        ["CustomerEmail"] = "admin@contoso.com",
        ["Link"] = "https://example.test/?a=1",
    };

    private static string Render(string text) => InvitePlaceholders.Render(text, Values, "the test text");

    [Fact]
    public void Fills_every_placeholder()
    {
        Assert.Equal(
            "Fabrikam 1234567 Contoso admin@contoso.com https://example.test/?a=1",
            Render("{PartnerName} {PartnerId} {CustomerName} {CustomerEmail} {Link}"));
    }

    [Theory]
    [InlineData("{customername}")]
    [InlineData("{CUSTOMERNAME}")]
    [InlineData("{CustomerName}")]
    [InlineData("{ customerName }")]
    public void Names_are_case_insensitive(string text)
    {
        Assert.Equal("Contoso", Render(text));
    }

    [Fact]
    public void Doubled_braces_are_literal()
    {
        Assert.Equal("{CustomerName} is Contoso; {x}", Render("{{CustomerName}} is {CustomerName}; {{x}}"));
    }

    [Fact]
    public void Lone_braces_that_do_not_close_stay_as_they_are()
    {
        Assert.Equal("a { b\n} c {} d", Render("a { b\n} c {} d"));
    }

    [Fact]
    public void Values_are_not_rendered_again()
    {
        var values = new Dictionary<string, string>(Values) { ["CustomerName"] = "{Link}" };

        Assert.Equal("{Link}", InvitePlaceholders.Render("{CustomerName}", values, "x"));
    }

    [Fact]
    public void Unknown_placeholder_is_named_with_a_suggestion_and_the_allowed_list()
    {
        var e = Throws(() => Render("Hello {Nmae}"), "InviteTemplateUnknownPlaceholder");

        Assert.Equal(ErrorKind.InvalidData, e.Category);
        Assert.Contains("{Nmae}", e.Message);
        Assert.Contains("Did you mean {CustomerName}?", e.Message);
        foreach (var allowed in InvitePlaceholders.Allowed)
        {
            Assert.Contains("{" + allowed + "}", e.Message);
        }
    }

    [Theory]
    [InlineData("Nmae", "CustomerName")]
    [InlineData("CustomerMail", "CustomerEmail")]
    [InlineData("Lnk", "Link")]
    [InlineData("PartnerNmae", "PartnerName")]
    [InlineData("partner id", "PartnerId")]
    [InlineData("Customer_Name", "CustomerName")]
    [InlineData("Weather", null)]
    [InlineData("x", null)]
    public void Suggests_the_closest_placeholder(string typed, string? expected)
    {
        Assert.Equal(expected, InvitePlaceholders.Suggest(typed));
    }

    [Fact]
    public void Unknown_placeholder_without_a_close_match_offers_no_guess()
    {
        var e = Throws(() => Render("{Weather}"), "InviteTemplateUnknownPlaceholder");

        Assert.DoesNotContain("Did you mean", e.Message);
    }

    [Fact]
    public void Error_message_does_not_echo_a_huge_placeholder()
    {
        var e = Throws(() => Render("{" + new string('x', 5000) + "}"), "InviteTemplateUnknownPlaceholder");

        Assert.True(e.Message.Length < 600, e.Message.Length.ToString());
    }
}
