using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Binds and validates templates: a list of templates with a name each, or a mapping by name. Every mistake names
/// the template and the key (templates.Support.groups[2].roles) at its line and column: built-in roles only, each
/// group's roles among the template's, group ids GUIDs, unique names, no Global Administrator with auto-extend.
/// </summary>
internal sealed class TemplatesBinder
{
    private const int MaxNameLength = 64;
    private const string NameAllowed = "Give each template a name of 1 to 64 characters on one line, e.g. 'name: Support'";

    private readonly YamlValueReader _reader;

    /// <summary>Templates with Global Administrator that leave autoExtend to invites.autoExtend: checked once that is known.</summary>
    private readonly List<(string Path, Mark Mark)> _globalAdminInheritingAutoExtend = new();

    public TemplatesBinder(YamlValueReader reader) => _reader = reader;

    public List<AccessTemplateSettings> Bind(YamlNode node)
    {
        var templates = new List<AccessTemplateSettings>();
        var names = new Dictionary<string, Mark>(StringComparer.OrdinalIgnoreCase);
        if (YamlValueReader.IsNull(node))
        {
            return templates;
        }

        var items = node switch
        {
            YamlSequenceNode list => list.Children.Select((item, i) => (Name: NameIn(item), NameMark: NameMarkIn(item), Item: item, Index: i + 1, Keyed: false)),
            YamlMappingNode map => map.Children.Select((pair, i) => (Name: (pair.Key as YamlScalarNode)?.Value, NameMark: pair.Key.Start, Item: pair.Value, Index: i + 1, Keyed: true)),
            _ => throw ConfigErrors.InvalidValue(_reader.SourceName, node.Start, ConfigSchema.Templates, "must be a list of templates",
                "Write one '- name: ...' item per template under 'templates:', each with roles and groups indented under it"),
        };

        foreach (var (name, nameMark, item, index, keyed) in items.ToList())
        {
            var checkedName = CheckName(name, nameMark, index);
            var path = $"{ConfigSchema.Templates}.{checkedName}";
            if (names.ContainsKey(checkedName))
            {
                throw Error(ErrorIds.Template.TemplateDuplicateName, nameMark, path,
                    $"is defined more than once (template names are case-insensitive; the first is at line {names[checkedName].Line})",
                    "Give each template its own name, or merge the two");
            }

            names[checkedName] = nameMark;
            templates.Add(BindTemplate(item, path, checkedName, keyed));
        }

        return templates;
    }

    /// <summary>A template that does not say autoExtend takes invites.autoExtend, which must then not clash with Global Administrator.</summary>
    public void CheckInheritedAutoExtend(InviteSettings invites)
    {
        if (invites.AutoExtend && _globalAdminInheritingAutoExtend.Count > 0)
        {
            var (path, mark) = _globalAdminInheritingAutoExtend[0];
            throw Error(ErrorIds.Template.TemplateGlobalAdminAutoExtend, mark, path,
                "requests Global Administrator and inherits invites.autoExtend: true, but a relationship with Global Administrator can't auto-extend",
                "Add 'autoExtend: false' to this template, or request narrower roles than Global Administrator");
        }
    }

    private AccessTemplateSettings BindTemplate(YamlNode node, string path, string name, bool keyed)
    {
        var template = new AccessTemplateSettings { Name = name };
        YamlNode? rolesNode = null;
        YamlNode? autoExtendNode = null;
        var groupsNode = default(YamlNode);
        var roleMarks = new List<(EntraRole Role, Mark Mark)>();
        foreach (var (key, value) in _reader.NestedEntries(node, path, ConfigSchema.TemplateKeys, "a template"))
        {
            var keyPath = $"{path}.{key}";
            switch (key)
            {
                case "name":
                    if (keyed && !string.Equals(_reader.String(value, keyPath)?.Trim(), name, StringComparison.OrdinalIgnoreCase))
                    {
                        throw Error(ErrorIds.Template.TemplateNameInvalid, value.Start, keyPath, "differs from the template's key above it",
                            "Leave 'name' out when templates are written as a mapping by name");
                    }

                    break;
                case "roles":
                    rolesNode = value;
                    roleMarks = Roles(value, keyPath);
                    template.Roles = roleMarks.Select(r => r.Role.Name).ToList();
                    break;
                case "duration": template.Duration = YamlValueReader.IsNull(value) ? null : _reader.Days(value, keyPath); break;
                case "autoExtend":
                    autoExtendNode = value;
                    template.AutoExtend = YamlValueReader.IsNull(value) ? null : _reader.Bool(value, keyPath);
                    break;
                case "displayNamePrefix": template.DisplayNamePrefix = _reader.String(value, keyPath); break;
                case "groups": groupsNode = value; break;
            }
        }

        if (roleMarks.Count == 0)
        {
            throw Error(ErrorIds.Template.TemplateNoRoles, rolesNode?.Start ?? node.Start, $"{path}.roles",
                rolesNode is null ? "is missing" : "is empty",
                "List the built-in roles the invite requests, one '- Role Name' per line under 'roles:'");
        }

        var globalAdmin = roleMarks.FirstOrDefault(r => r.Role.Id == RoleCatalog.GlobalAdministrator);
        if (globalAdmin.Role is not null)
        {
            if (template.AutoExtend == true)
            {
                throw Error(ErrorIds.Template.TemplateGlobalAdminAutoExtend, autoExtendNode!.Start, $"{path}.autoExtend",
                    "is true, but the template requests Global Administrator and such a relationship can't auto-extend",
                    "Set autoExtend: false, or request narrower roles than Global Administrator");
            }

            if (template.AutoExtend is null)
            {
                _globalAdminInheritingAutoExtend.Add(($"{path}.roles", globalAdmin.Mark));
            }
        }

        if (groupsNode is not null)
        {
            template.Groups = Groups(groupsNode, $"{path}.groups", roleMarks.Select(r => r.Role).ToList());
        }

        return template;
    }

    private List<AccessTemplateGroupSettings> Groups(YamlNode node, string path, IReadOnlyList<EntraRole> templateRoles)
    {
        var groups = new List<AccessTemplateGroupSettings>();
        if (YamlValueReader.IsNull(node))
        {
            return groups;
        }

        if (node is not YamlSequenceNode list)
        {
            throw ConfigErrors.InvalidValue(_reader.SourceName, node.Start, path, "must be a list of groups",
                "Write one '- id: <group object id>' item per security group, with its roles under it");
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var groupPath = $"{path}[{i + 1}]";
            var group = new AccessTemplateGroupSettings();
            YamlNode? idNode = null;
            YamlNode? rolesNode = null;
            var roleMarks = new List<(EntraRole Role, Mark Mark)>();
            foreach (var (key, value) in _reader.NestedEntries(item, groupPath, ConfigSchema.TemplateGroupKeys, "a template group"))
            {
                var keyPath = $"{groupPath}.{key}";
                switch (key)
                {
                    case "id": idNode = value; group.Id = GroupId(value, keyPath); break;
                    case "name": group.Name = _reader.String(value, keyPath)?.Trim(); break;
                    case "roles":
                        rolesNode = value;
                        roleMarks = Roles(value, keyPath);
                        group.Roles = roleMarks.Select(r => r.Role.Name).ToList();
                        break;
                }
            }

            if (idNode is null)
            {
                throw Error(ErrorIds.Template.TemplateGroupIdInvalid, item.Start, $"{groupPath}.id", "is missing",
                    "Give the security group's object id (a GUID) from your partner tenant, e.g. 'id: 11111111-2222-3333-4444-555555555555'");
            }

            if (seen.TryGetValue(group.Id, out var first))
            {
                throw Error(ErrorIds.Template.TemplateDuplicateGroup, idNode.Start, $"{groupPath}.id",
                    $"repeats the group of {path}[{first}]", "List each group once, with all the roles it gets");
            }

            seen[group.Id] = i + 1;
            if (roleMarks.Count == 0)
            {
                throw Error(ErrorIds.Template.TemplateGroupNoRoles, rolesNode?.Start ?? item.Start, $"{groupPath}.roles",
                    rolesNode is null ? "is missing" : "is empty", "List the roles this group gets, each one of the template's roles");
            }

            foreach (var (role, mark) in roleMarks)
            {
                if (!templateRoles.Contains(role))
                {
                    var who = group.Name is null ? $"group {group.Id}" : $"group '{group.Name}'";
                    throw Error(ErrorIds.Template.TemplateGroupRoleNotRequested, mark, $"{groupPath}.roles",
                        $"gives {who} '{role.Name}', which the template does not request ({string.Join(", ", templateRoles.Select(r => r.Name))})",
                        "Add the role to the template's roles, or remove it from the group: a group can only get roles the customer approved");
                }
            }

            groups.Add(group);
        }

        return groups;
    }

    private List<(EntraRole Role, Mark Mark)> Roles(YamlNode node, string keyPath)
    {
        // Read as a list first (types, empties), then resolve each item at its own position.
        _reader.StringList(node, keyPath);
        var result = new List<(EntraRole, Mark)>();
        if (node is not YamlSequenceNode list)
        {
            return result;
        }

        foreach (var item in list.Children)
        {
            var text = ((YamlScalarNode)item).Value!.Trim();
            var role = RoleCatalog.FindById(text) ?? RoleCatalog.FindByName(text);
            if (role is null)
            {
                var suggestions = RoleCatalog.Suggest(text);
                var hint = suggestions.Count == 0 ? "" : $" (did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?)";
                throw Error(ErrorIds.Template.TemplateRoleUnknown, item.Start, keyPath,
                    $"'{PartnerIdentityRules.Shorten(text)}' is not a built-in Microsoft Entra role{hint}",
                    "Use built-in role names or ids (granular admin relationships accept no custom roles); list them with [PartnerRelationships.Core.Roles.RoleCatalog]::All");
            }

            if (!result.Any(r => r.Item1 == role))
            {
                result.Add((role, item.Start));
            }
        }

        return result;
    }

    private string GroupId(YamlNode node, string keyPath)
    {
        var text = _reader.String(node, keyPath)?.Trim();
        if (text is null || !Guid.TryParse(text, out var id) || id == Guid.Empty || text.Length != 36)
        {
            throw Error(ErrorIds.Template.TemplateGroupIdInvalid, node.Start, keyPath,
                text is null ? "is empty" : $"'{PartnerIdentityRules.Shorten(text)}' is not a well-formed group object id",
                "Use the security group's object id from your partner tenant: a GUID such as 11111111-2222-3333-4444-555555555555");
        }

        return id.ToString("D");
    }

    private string CheckName(string? name, Mark mark, int index)
    {
        var trimmed = name?.Trim() ?? "";
        var path = $"{ConfigSchema.Templates}[{index}].name";
        if (trimmed.Length == 0)
        {
            throw Error(ErrorIds.Template.TemplateNameInvalid, mark, path, "is missing", NameAllowed);
        }

        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw Error(ErrorIds.Template.TemplateNameInvalid, mark, path,
                trimmed.Length > MaxNameLength ? $"is {trimmed.Length} characters long" : "contains a line break or control character", NameAllowed);
        }

        return trimmed;
    }

    private static string? NameIn(YamlNode item) =>
        item is YamlMappingNode map
            ? map.Children.Where(p => string.Equals((p.Key as YamlScalarNode)?.Value, "name", StringComparison.OrdinalIgnoreCase))
                .Select(p => (p.Value as YamlScalarNode)?.Value).FirstOrDefault()
            : null;

    private static Mark NameMarkIn(YamlNode item) =>
        item is YamlMappingNode map
            ? map.Children.Where(p => string.Equals((p.Key as YamlScalarNode)?.Value, "name", StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Value.Start).DefaultIfEmpty(item.Start).First()
            : item.Start;

    private PartnerRelationshipsException Error(string errorId, Mark mark, string keyPath, string problem, string allowed) =>
        ConfigErrors.At(errorId, ErrorKind.InvalidData, _reader.SourceName, mark, keyPath, problem, allowed);
}
