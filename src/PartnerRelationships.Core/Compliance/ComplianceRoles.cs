using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Compliance;

/// <summary>
/// Built-in Entra role names for compliance messages and for <c>compliance.forbiddenRoles</c> given by name. A stop-gap
/// until the shared role catalogue (Core/Roles) exists; then this should defer to it. Ids are the fixed role template ids.
/// </summary>
public static class ComplianceRoles
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";

    private static readonly (string Id, string Name)[] Known =
    {
        (GlobalAdministrator, "Global Administrator"),
        ("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"),
        ("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"),
        ("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
        ("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers"),
        ("9360feb5-f418-4baa-8175-e2a00bac4301", "Directory Writers"),
        ("5d6b6bb7-de71-4623-b4af-96380a352509", "Security Reader"),
        ("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"),
        ("5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", "Security Operator"),
        ("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator"),
        ("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator"),
        ("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator"),
        ("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator"),
        ("4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator"),
        ("e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"),
        ("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator"),
        ("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"),
        ("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator"),
        ("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator"),
        ("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator"),
        ("3a2c62db-5318-420d-8d74-23affee5d9d5", "Intune Administrator"),
        ("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator"),
        ("f023fd81-a637-4b56-95fd-791ac0226033", "Service Support Administrator"),
        ("fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator"),
        ("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator"),
    };

    private static readonly Dictionary<string, string> NamesById = Known.ToDictionary(r => r.Id, r => r.Name, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, string> IdsByName = Known.ToDictionary(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The role's name, or its id when this list does not know it.</summary>
    public static string NameOf(string roleId) => NamesById.TryGetValue(roleId, out var name) ? name : roleId;

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
            else if (IdsByName.TryGetValue(value, out var known))
            {
                ids.Add(known);
            }
            else
            {
                var nearest = KeySuggester.Nearest(value, IdsByName.Keys);
                throw new PartnerRelationshipsException(
                    "UnknownForbiddenRole",
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
