using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Sandbox;

/// <summary>
/// The built-in Entra roles the sandbox accepts in GDAP relationships. The data lives in Core's
/// <see cref="RoleCatalog"/> (one source for module and sandbox); this keeps the sandbox's short names.
/// </summary>
public static class BuiltInRoles
{
    public const string GlobalAdministrator = RoleCatalog.GlobalAdministrator;
    public const string GlobalReader = RoleCatalog.GlobalReader;
    public const string HelpdeskAdministrator = RoleCatalog.HelpdeskAdministrator;
    public const string UserAdministrator = RoleCatalog.UserAdministrator;
    public const string DirectoryReaders = RoleCatalog.DirectoryReaders;
    public const string SecurityReader = RoleCatalog.SecurityReader;
    public const string ExchangeAdministrator = RoleCatalog.ExchangeAdministrator;

    public static IReadOnlyList<EntraRole> All => RoleCatalog.All;

    public static bool IsBuiltIn(string? roleDefinitionId) => RoleCatalog.IsBuiltIn(roleDefinitionId);

    public static EntraRole? FindById(string? roleDefinitionId) => RoleCatalog.FindById(roleDefinitionId);

    public static EntraRole? FindByName(string? name) => RoleCatalog.FindByName(name);
}
