using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;

namespace PartnerRelationships.Core.Tests.Invites;

public class InviteTemplateTests
{
    [Theory]
    [InlineData("Subject: Hello {CustomerName}\n\nDear {CustomerName},\n{Link}\n")]
    [InlineData("Subject: Hello {CustomerName}\r\n\r\nDear {CustomerName},\r\n{Link}\r\n")]
    [InlineData("\uFEFFsubject:   Hello {CustomerName}  \n   \nDear {CustomerName},\r{Link}")]
    public void Parses_subject_and_body_with_any_line_ends(string text)
    {
        var template = InviteTemplate.Parse(text);

        Assert.Equal("Hello {CustomerName}", template.Subject);
        Assert.Equal("Dear {CustomerName},\n{Link}", template.Body);
    }

    [Fact]
    public void Keeps_blank_lines_inside_the_body()
    {
        var template = InviteTemplate.Parse("Subject: S\n\nOne\n\n\nTwo {Link}\n\n");

        Assert.Equal("One\n\n\nTwo {Link}", template.Body);
    }

    [Theory]
    [InlineData("Hello\n\nBody {Link}", "first line")]
    [InlineData("Subject:\n\nBody {Link}", "empty")]
    [InlineData("Subject: S\nBody {Link}", "blank line")]
    [InlineData("Subject: S", "blank line")]
    [InlineData("Subject: S\n\n  \n", "body")]
    [InlineData("", "first line")]
    public void Refuses_a_bad_format_saying_what_is_expected(string text, string mentions)
    {
        var e = Throws(() => InviteTemplate.Parse(text, "/t/template.txt"), "InviteTemplateInvalid");

        Assert.Equal(ErrorKind.InvalidData, e.Category);
        Assert.Contains(mentions, e.Message);
        Assert.Contains("Subject: <subject>", e.Message);
    }

    [Fact]
    public void Loads_a_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("t.txt");
        File.WriteAllText(path, "Subject: Hi\r\n\r\nBody {Link}\r\n");

        var template = InviteTemplate.Load(path);

        Assert.Equal("Hi", template.Subject);
        Assert.Equal("Body {Link}", template.Body);
        Assert.Equal(path, template.SourcePath);
    }

    [Fact]
    public void Missing_file_is_not_found()
    {
        using var folder = new TempFolder();

        var e = Throws(() => InviteTemplate.Load(folder.File("nope.txt")), "InviteTemplateNotFound");

        Assert.Equal(ErrorKind.ObjectNotFound, e.Category);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void A_folder_is_not_a_template()
    {
        using var folder = new TempFolder();

        var e = Throws(() => InviteTemplate.Load(folder.Path), "InviteTemplateNotFound");

        Assert.Contains("folder", e.Message);
    }

    [Fact]
    public void Built_in_template_is_complete()
    {
        var template = InviteTemplate.Default;

        Assert.Contains("{PartnerName}", template.Subject);
        Assert.Contains("\n\n{Link}\n\n", template.Body);
        Assert.Contains("{CustomerName}", template.Body);
        Assert.Contains("review", template.Body);
        Assert.EndsWith("\n{PartnerName}", template.Body);
        Assert.DoesNotContain("\r", template.Body);
    }
}
