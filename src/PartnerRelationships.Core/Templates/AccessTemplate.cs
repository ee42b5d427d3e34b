using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Templates;

/// <summary>
/// A resolved access template: the roles an invite requests, how long and whether it auto-extends, the display name
/// prefix, and which security group gets which of those roles once the customer accepts.
/// </summary>
public sealed class AccessTemplate
{
    private AccessTemplate(string name, IReadOnlyList<EntraRole> roles, TimeSpan? duration, bool? autoExtend, string? displayNamePrefix, IReadOnlyList<AccessTemplateGroup> groups)
    {
        Name = name;
        Roles = roles;
        Duration = duration;
        AutoExtend = autoExtend;
        DisplayNamePrefix = displayNamePrefix;
        Groups = groups;
    }

    public string Name { get; }
    public IReadOnlyList<EntraRole> Roles { get; }

    /// <summary>Null: invites.duration.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>Null: invites.autoExtend.</summary>
    public bool? AutoExtend { get; }

    /// <summary>Null: invites.displayNamePrefix.</summary>
    public string? DisplayNamePrefix { get; }

    public IReadOnlyList<AccessTemplateGroup> Groups { get; }

    /// <summary>Every role some group gets: what a relationship must include to satisfy the template.</summary>
    public IReadOnlyList<EntraRole> AssignedRoles => Groups.SelectMany(g => g.Roles).Distinct().ToList();

    /// <summary>
    /// Resolves settings built in code or loaded (the loader has already checked them, with file positions); the same
    /// rules apply here so a template made in code can't carry a mistake either.
    /// </summary>
    public static AccessTemplate From(AccessTemplateSettings settings)
    {
        if (settings is null) throw new ArgumentNullException(nameof(settings));
        var name = settings.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw Invalid(ErrorIds.Template.TemplateNameInvalid, "(unnamed)", "name", "is missing", "Give the template a name");
        }

        var roles = ResolveRoles(name, "roles", settings.Roles);
        if (roles.Count == 0)
        {
            throw Invalid(ErrorIds.Template.TemplateNoRoles, name, "roles", "is empty", "List the built-in roles the invite requests");
        }

        if (settings.AutoExtend == true && roles.Any(r => r.Id == RoleCatalog.GlobalAdministrator))
        {
            throw Invalid(ErrorIds.Template.TemplateGlobalAdminAutoExtend, name, "autoExtend", "is true with Global Administrator among the roles",
                "A relationship with Global Administrator can't auto-extend: set autoExtend false or request narrower roles");
        }

        var groups = new List<AccessTemplateGroup>();
        foreach (var (group, index) in settings.Groups.Select((g, i) => (g, i + 1)))
        {
            if (!Guid.TryParse(group.Id?.Trim(), out var id) || id == Guid.Empty)
            {
                throw Invalid(ErrorIds.Template.TemplateGroupIdInvalid, name, $"groups[{index}].id", "is not a GUID", "Use the security group's object id");
            }

            if (groups.Any(g => g.Id == id.ToString("D")))
            {
                throw Invalid(ErrorIds.Template.TemplateDuplicateGroup, name, $"groups[{index}].id", "repeats an earlier group", "List each group once");
            }

            var groupRoles = ResolveRoles(name, $"groups[{index}].roles", group.Roles);
            if (groupRoles.Count == 0)
            {
                throw Invalid(ErrorIds.Template.TemplateGroupNoRoles, name, $"groups[{index}].roles", "is empty", "List the roles this group gets");
            }

            var outside = groupRoles.FirstOrDefault(r => !roles.Contains(r));
            if (outside is not null)
            {
                throw Invalid(ErrorIds.Template.TemplateGroupRoleNotRequested, name, $"groups[{index}].roles", $"gives '{outside.Name}', which the template does not request",
                    "Add the role to the template's roles, or remove it from the group");
            }

            groups.Add(new AccessTemplateGroup(id.ToString("D"), string.IsNullOrWhiteSpace(group.Name) ? null : group.Name!.Trim(), groupRoles));
        }

        var duration = settings.Duration is null ? (TimeSpan?)null : RelationshipDurations.Parse(settings.Duration, $"templates.{name}.duration");
        return new AccessTemplate(name, roles, duration, settings.AutoExtend, settings.DisplayNamePrefix, groups);
    }

    /// <summary>Whether invites made from this template auto-extend, given the configuration's default.</summary>
    public bool AutoExtendOr(bool configured) => AutoExtend ?? (configured && !Roles.Any(r => r.Id == RoleCatalog.GlobalAdministrator));

    public override string ToString() => Name;

    private static List<EntraRole> ResolveRoles(string template, string key, IEnumerable<string>? namesOrIds)
    {
        var roles = new List<EntraRole>();
        foreach (var text in namesOrIds ?? Enumerable.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var role = RoleCatalog.FindById(text) ?? RoleCatalog.FindByName(text)
                       ?? throw Invalid(ErrorIds.Template.TemplateRoleUnknown, template, key, $"'{text.Trim()}' is not a built-in Microsoft Entra role",
                           "Use built-in role names or ids");
            if (!roles.Contains(role)) roles.Add(role);
        }

        return roles;
    }

    private static PartnerRelationshipsException Invalid(string errorId, string template, string key, string problem, string allowed) =>
        new(errorId, ErrorKind.InvalidData, $"templates.{template}.{key} {problem}. {allowed}.", $"templates.{template}.{key}");
}
