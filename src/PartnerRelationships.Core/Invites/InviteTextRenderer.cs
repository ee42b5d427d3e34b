using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// Renders an invite's subject and body from their wording and checks the body still carries the link: the same steps
/// for the reseller invite and the granular (GDAP) invite, which differ only in why the link matters.
/// </summary>
internal static class InviteTextRenderer
{
    /// <param name="whyTheLinkMatters">One sentence for the error when the wording dropped {Link}.</param>
    public static (string Subject, string Body) Render(
        string subjectText, string subjectOrigin, string bodyText, string bodyOrigin,
        IReadOnlyDictionary<string, string> values, string link, string whyTheLinkMatters)
    {
        var subject = InviteRequestValidator.ValidateSubject(InvitePlaceholders.Render(subjectText, values, subjectOrigin).Trim());
        var body = InviteTemplate.NormaliseNewlines(InvitePlaceholders.Render(InviteTemplate.NormaliseNewlines(bodyText), values, bodyOrigin));
        InviteRequestValidator.ValidateBody(body);
        if (body.IndexOf(link, StringComparison.Ordinal) < 0)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InviteTemplateMissingLink,
                ErrorKind.InvalidData,
                $"The invite body ({bodyOrigin}) does not contain the link. {whyTheLinkMatters}, so it must stay: put {{Link}} where it should appear.",
                bodyOrigin);
        }

        return (subject, body);
    }
}
