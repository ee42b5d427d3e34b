namespace PartnerRelationships.Core.Invites;

/// <summary>A composed, validated invite email. Nothing has been recorded or written yet.</summary>
public sealed class InviteDraft
{
    public InviteKind Kind { get; init; } = InviteKind.Reseller;

    /// <summary>The customer's name, trimmed.</summary>
    public string CustomerName { get; init; } = "";

    /// <summary>The one recipient address (the customer's email, trimmed).</summary>
    public string To { get; init; } = "";

    /// <summary>The customer's tenant id in canonical lower-case form, when given.</summary>
    public string? CustomerTenantId { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>The body with placeholders filled in; line breaks are <c>\n</c>.</summary>
    public string Body { get; init; } = "";

    /// <summary>The personalised link the customer follows.</summary>
    public string Link { get; init; } = "";

    /// <summary>An RFC 6068 mailto URI that opens this draft in the default mail client.</summary>
    public string MailtoUri => InviteMailto.Create(To, Subject, Body);
}
