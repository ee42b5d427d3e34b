using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Compliance;

/// <summary>Role names for compliance messages and <c>compliance.forbiddenRoles</c>, from the shared <see cref="RoleCatalog"/>.</summary>
public static class ComplianceRoles
{
    public const string GlobalAdministrator = RoleCatalog.GlobalAdministrator;

    /// <summary>The role's name, or its id when the catalogue does not know it.</summary>
    public static string NameOf(string roleId) => RoleCatalog.NameOf(roleId);

    /// <summary>
    /// Global Administrator plus the configured forbidden roles, as role ids. An entry is a role id (GUID) or a known
    /// role name; anything else fails with <c>UnknownForbiddenRole</c>.
    /// </summary>
    public static IReadOnlyCollection<string> ForbiddenRoleIds(IEnumerable<string>? configured)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { GlobalAdministrator };
        foreach (var entry in configured ?? Enumerable.Empty<string>())
        {
            var value = entry?.Trim() ?? "";
            if (Guid.TryParse(value, out var id))
            {
                ids.Add(id.ToString("D"));
            }
            else if (RoleCatalog.FindByName(value) is { } role)
            {
                ids.Add(role.Id);
            }
            else
            {
                var nearest = KeySuggester.Nearest(value, RoleCatalog.All.Select(r => r.Name));
                throw new PartnerRelationshipsException(
                    ErrorIds.Compliance.UnknownForbiddenRole,
                    ErrorKind.InvalidData,
                    $"compliance.forbiddenRoles lists '{value}', which is not a built-in role name this version knows." +
                    (nearest is null ? "" : $" Did you mean '{nearest}'?") +
                    " Use the role's template id (a GUID from the Microsoft Entra built-in roles reference) or its exact name.",
                    value);
            }
        }

        return ids;
    }
}
