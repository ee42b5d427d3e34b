using System;
using System.IO;
using System.Security;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// The wording of an invite before placeholders are filled in. A template file has the subject on its first line
/// (<c>Subject: …</c>), then a blank line, then the body.
/// </summary>
public sealed class InviteTemplate
{
    private const string SubjectPrefix = "Subject:";

    public InviteTemplate(string subject, string body, string? sourcePath = null)
    {
        Subject = subject ?? throw new ArgumentNullException(nameof(subject));
        Body = NormaliseNewlines(body ?? throw new ArgumentNullException(nameof(body)));
        SourcePath = sourcePath;
    }

    public string Subject { get; }

    /// <summary>The body, line breaks normalised to <c>\n</c>.</summary>
    public string Body { get; }

    /// <summary>The file it was read from; null for the built-in template or text given directly.</summary>
    public string? SourcePath { get; }

    /// <summary>
    /// The built-in wording, modelled on Partner Center's own request: who asks, what accepting does, the link on its
    /// own line, that the request can be reviewed before accepting, and a sign-off.
    /// </summary>
    public static InviteTemplate Default { get; } = new(
        "{PartnerName} requests a reseller relationship with {CustomerName}",
        "Dear {CustomerName} administrator,\n" +
        "\n" +
        "{PartnerName} would like to work with {CustomerName} as your Microsoft Cloud Solution Provider partner. " +
        "To set this up, please accept our reseller relationship request.\n" +
        "\n" +
        "When you accept, {PartnerName} can buy Microsoft cloud services for you and is granted delegated administrator " +
        "permissions, so we can provision, manage and support your services and subscriptions on your behalf. " +
        "You can review or remove these permissions at any time in the Microsoft 365 admin center.\n" +
        "\n" +
        "To accept, sign in with a Global Administrator account of {CustomerName} and follow this link, which is " +
        "personalised to our account:\n" +
        "\n" +
        "{Link}\n" +
        "\n" +
        "The page shows the details of the request, so you can review it before you accept.\n" +
        "\n" +
        "If you have any questions, simply reply to this email.\n" +
        "\n" +
        "Kind regards,\n" +
        "{PartnerName}");

    /// <summary>Reads a template file.</summary>
    public static InviteTemplate Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A template path is required.", nameof(path));
        }

        if (!File.Exists(path))
        {
            var what = Directory.Exists(path) ? "is a folder, not a file" : "does not exist";
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InviteTemplateNotFound,
                ErrorKind.ObjectNotFound,
                $"The invite template '{InputExcerpt.Of(path)}' {what}. Check the path given with -{ParameterNames.TemplatePath} or " +
                "invites.templatePath in the configuration, or leave it out to use the built-in template.",
                path);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InviteTemplateUnreadable,
                ErrorKind.ReadError,
                $"The invite template '{InputExcerpt.Of(path)}' could not be read: {e.Message} Check that you may read it.",
                path,
                e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses template text: <c>Subject: …</c>, a blank line, then the body.</summary>
    public static InviteTemplate Parse(string text, string? sourcePath = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var lines = NormaliseNewlines(text.TrimStart('\uFEFF')).Split('\n');
        var first = lines[0];
        if (!first.StartsWith(SubjectPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(sourcePath, $"its first line must start with '{SubjectPrefix}', but it is '{InputExcerpt.Of(first)}'");
        }

        var subject = first.Substring(SubjectPrefix.Length).Trim();
        if (subject.Length == 0)
        {
            throw Invalid(sourcePath, "the subject on its first line is empty");
        }

        if (lines.Length < 3 || lines[1].Trim().Length != 0)
        {
            throw Invalid(sourcePath, "the subject line must be followed by a blank line and then the body");
        }

        var body = string.Join("\n", lines, 2, lines.Length - 2).TrimEnd('\n', ' ', '\t');
        if (body.Trim().Length == 0)
        {
            throw Invalid(sourcePath, "the body after the blank line is empty");
        }

        return new InviteTemplate(subject, body, sourcePath);
    }

    /// <summary>Turns CRLF and lone CR into LF.</summary>
    public static string NormaliseNewlines(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n');

    private static PartnerRelationshipsException Invalid(string? sourcePath, string problem)
    {
        var name = sourcePath is null ? "The invite template" : $"The invite template '{InputExcerpt.Of(sourcePath)}'";
        return new PartnerRelationshipsException(
            ErrorIds.Invite.InviteTemplateInvalid,
            ErrorKind.InvalidData,
            $"{name} is not in the expected format: {problem}. Write 'Subject: <subject>' on the first line, " +
            "leave the second line blank, and put the body (with {Link}) after it.",
            (object?)sourcePath ?? "template");
    }
}
