using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// The built-in wording of a granular admin invite: who asks, which roles for how long, the approval link on its own
/// line, and that the customer reviews the roles before approving. Besides the reseller placeholders it may use
/// {Roles}, {Duration} and {RelationshipName}.
/// </summary>
public static class GranularInviteTemplate
{
    public const string Roles = nameof(Roles);
    public const string Duration = nameof(Duration);
    public const string RelationshipName = nameof(RelationshipName);

    public static InviteTemplate Default { get; } = new(
        "{PartnerName} requests granular admin access to {CustomerName}",
        "Dear {CustomerName} administrator,\n" +
        "\n" +
        "{PartnerName} asks for granular delegated admin privileges (GDAP) in your Microsoft cloud tenant, so we can " +
        "manage and support your services on your behalf with only the roles this work needs.\n" +
        "\n" +
        "Relationship: {RelationshipName}\n" +
        "Roles: {Roles}\n" +
        "Duration: {Duration}\n" +
        "\n" +
        "To approve, sign in with a Global Administrator account of {CustomerName} and follow this link:\n" +
        "\n" +
        "{Link}\n" +
        "\n" +
        "The page lists the roles requested, so you can review them before you approve. You can end the relationship " +
        "at any time in the Microsoft 365 admin center.\n" +
        "\n" +
        "If you have any questions, simply reply to this email.\n" +
        "\n" +
        "Kind regards,\n" +
        "{PartnerName}");
}
