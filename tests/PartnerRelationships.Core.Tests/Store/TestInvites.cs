using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Tests.Store;

internal static class TestInvites
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public static ResellerInvite New(
        string customerName = "Contoso Ltd",
        DateTimeOffset? createdAt = null,
        InviteKind kind = InviteKind.Reseller,
        Guid? id = null,
        string? displayName = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Kind = kind,
        CustomerName = customerName,
        CustomerEmail = "admin@contoso.example",
        CreatedAt = createdAt ?? Start,
        Link = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=123",
        Subject = "Please accept our reseller relationship",
        Body = "Hello,\nplease follow the link.",
        RelationshipDisplayName = displayName,
        Template = kind == InviteKind.GranularAdmin ? "helpdesk" : null,
    };
}
