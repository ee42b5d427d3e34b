namespace PartnerRelationships.Core.Roles;

/// <summary>Stable error ids of role resolution.</summary>
public static class RoleErrorIds
{
    public const string UnknownRole = nameof(UnknownRole);
    public const string NoRolesGiven = nameof(NoRolesGiven);
}
