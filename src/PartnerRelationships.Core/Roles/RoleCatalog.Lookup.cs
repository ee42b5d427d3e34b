using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Roles;

/// <summary>Finding roles by id or name, for cmdlet parameters and argument completers.</summary>
public static partial class RoleCatalog
{
    public static bool IsBuiltIn(string? roleDefinitionId) => roleDefinitionId is not null && ById.ContainsKey(roleDefinitionId.Trim());

    public static EntraRole? FindById(string? roleDefinitionId) =>
        roleDefinitionId is not null && ById.TryGetValue(roleDefinitionId.Trim(), out var role) ? role : null;

    public static EntraRole? FindByName(string? name) =>
        name is not null && ByName.TryGetValue(name.Trim(), out var role) ? role : null;

    /// <summary>The role's name, or the id itself when it is not in the catalog (so output never hides an id).</summary>
    public static string NameOf(string roleDefinitionId) => FindById(roleDefinitionId)?.Name ?? roleDefinitionId;

    /// <summary>Roles whose name matches a wildcard (case-insensitive); a plain word matches as a prefix, for completers.</summary>
    public static IReadOnlyList<EntraRole> Match(string? pattern)
    {
        var text = pattern?.Trim().Trim('\'', '"') ?? "";
        if (text.Length == 0)
        {
            return All.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        var wildcard = new TextWildcard(TextWildcard.ContainsWildcard(text) ? text : text + "*");
        return All.Where(r => wildcard.IsMatch(r.Name) || string.Equals(r.Id, text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>One role by exact name (case-insensitive) or id; an unknown one fails with UnknownRole and suggestions.</summary>
    public static EntraRole Resolve(string nameOrId)
    {
        var text = nameOrId?.Trim() ?? "";
        var role = FindById(text) ?? FindByName(text);
        if (role is not null)
        {
            return role;
        }

        var suggestions = Suggest(text);
        var hint = suggestions.Count == 0
            ? "List the built-in roles with [PartnerRelationships.Core.Roles.RoleCatalog]::All or use tab completion."
            : $"Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
        var why = Guid.TryParse(text, out _)
            ? $"'{text}' is not the id of a built-in Microsoft Entra role (granular admin relationships accept only built-in roles)."
            : $"'{text}' is not the name of a built-in Microsoft Entra role.";
        throw new PartnerRelationshipsException(ErrorIds.Role.UnknownRole, ErrorKind.InvalidArgument, $"{why} {hint}", nameOrId);
    }

    /// <summary>Resolves each name or id; duplicates collapse, order is kept. At least one role is required.</summary>
    public static IReadOnlyList<EntraRole> ResolveAll(IEnumerable<string>? namesOrIds)
    {
        var roles = new List<EntraRole>();
        foreach (var item in namesOrIds ?? Enumerable.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(item)) continue;
            var role = Resolve(item);
            if (!roles.Contains(role)) roles.Add(role);
        }

        if (roles.Count == 0)
        {
            throw new PartnerRelationshipsException(ErrorIds.Role.NoRolesGiven, ErrorKind.InvalidArgument,
                $"No roles were given. Name at least one built-in Microsoft Entra role (for example -{ParameterNames.Role} 'Helpdesk Administrator'), " +
                "or set invites.roles in the configuration.", "Roles");
        }

        return roles;
    }

    /// <summary>Up to three names close to what was typed: names containing it, then the nearest by edit distance.</summary>
    public static IReadOnlyList<string> Suggest(string typed)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0) return Array.Empty<string>();
        var containing = All.Where(r => r.Name.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0).Select(r => r.Name);
        var limit = Math.Max(2, text.Length / 3);
        var near = All
            .Select(r => (r.Name, Distance: Text.EditDistance.Between(text.ToLowerInvariant(), r.Name.ToLowerInvariant())))
            .Where(p => p.Distance <= limit)
            .OrderBy(p => p.Distance)
            .Select(p => p.Name);
        return containing.Concat(near).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
    }
}
