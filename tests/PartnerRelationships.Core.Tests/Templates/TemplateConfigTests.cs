using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Templates;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Templates;

public class TemplateConfigTests
{
    private const string GroupA = "11111111-2222-3333-4444-555555555555";
    private const string GroupB = "22222222-3333-4444-5555-666666666666";

    [Fact]
    public void A_list_of_templates_loads_and_resolves()
    {
        var config = Parse(
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator, 88d8e3e3-8f55-4a1e-953a-9b9898b8876b]",
            "    duration: P90D",
            "    autoExtend: true",
            "    displayNamePrefix: 'SUP '",
            "    groups:",
            "      - id: " + GroupA.ToUpperInvariant(),
            "        name: Helpdesk agents",
            "        roles: [helpdesk administrator]",
            "  - name: Readers",
            "    roles: [Directory Readers]");

        Assert.Equal(new[] { "Support", "Readers" }, config.Templates.Select(t => t.Name));
        var support = AccessTemplates.Resolve(config, "support");
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator, RoleCatalog.DirectoryReaders }, support.Roles.Select(r => r.Id));
        Assert.Equal(TimeSpan.FromDays(90), support.Duration);
        Assert.True(support.AutoExtend);
        Assert.Equal("SUP ", support.DisplayNamePrefix);
        var group = Assert.Single(support.Groups);
        Assert.Equal(GroupA, group.Id);
        Assert.Equal("Helpdesk agents", group.Name);
        Assert.Equal(new[] { RoleCatalog.HelpdeskAdministrator }, group.RoleIds);
        var readers = AccessTemplates.Resolve(config, "Readers");
        Assert.Null(readers.Duration);
        Assert.Null(readers.AutoExtend);
        Assert.Empty(readers.Groups);
    }

    [Fact]
    public void A_mapping_by_name_loads_too()
    {
        var config = Parse(
            "templates:",
            "  Support:",
            "    roles: [Helpdesk Administrator]",
            "    groups:",
            "      - id: " + GroupA,
            "        roles: [Helpdesk Administrator]");

        Assert.Equal("Support", Assert.Single(config.Templates).Name);
    }

    [Fact]
    public void An_unknown_template_name_lists_the_known_ones()
    {
        var config = Parse("templates:", "  - name: Support", "    roles: [Helpdesk Administrator]");
        var error = Assert.Throws<PartnerRelationships.Core.Errors.PartnerRelationshipsException>(() => AccessTemplates.Resolve(config, "Suport"));
        Assert.Equal(ErrorIds.Template.TemplateNotFound, error.ErrorId);
        Assert.Contains("Use one of: Support", error.Message);
    }

    [Fact]
    public void An_unknown_role_names_the_template_the_key_and_a_suggestion()
    {
        var error = Fails(ErrorIds.Template.TemplateRoleUnknown, 5, 9,
            "templates:",
            "  - name: Support",
            "    roles:",
            "      - Helpdesk Administrator",
            "      - Helpdesk Admin",
            "      - Directory Readers");
        Assert.Contains("templates.Support.roles 'Helpdesk Admin' is not a built-in Microsoft Entra role (did you mean 'Helpdesk Administrator'", error.Message);
        Assert.Equal("templates.Support.roles", error.Target);
    }

    [Fact]
    public void A_custom_role_id_is_refused()
    {
        var error = Fails(ErrorIds.Template.TemplateRoleUnknown, 3, 13,
            "templates:",
            "  - name: Support",
            "    roles: [aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee]");
        Assert.Contains("templates.Support.roles", error.Message);
        Assert.Contains("no custom roles", error.Message);
    }

    [Fact]
    public void A_group_role_outside_the_template_is_refused()
    {
        var error = Fails(ErrorIds.Template.TemplateGroupRoleNotRequested, 9, 13,
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator, Directory Readers]",
            "    groups:",
            "      - id: " + GroupA,
            "        name: Agents",
            "        roles:",
            "          - Directory Readers",
            "          - Exchange Administrator");
        Assert.Contains("templates.Support.groups[1].roles gives group 'Agents' 'Exchange Administrator', which the template does not request (Helpdesk Administrator, Directory Readers)", error.Message);
    }

    [Fact]
    public void Global_Administrator_with_auto_extend_is_refused_at_autoExtend()
    {
        var error = Fails(ErrorIds.Template.TemplateGlobalAdminAutoExtend, 4, 17,
            "templates:",
            "  - name: Break glass",
            "    roles: [Global Administrator]",
            "    autoExtend: true");
        Assert.Contains("templates.Break glass.autoExtend is true, but the template requests Global Administrator", error.Message);
    }

    [Fact]
    public void Global_Administrator_inheriting_auto_extend_is_refused_at_the_role()
    {
        var error = Fails(ErrorIds.Template.TemplateGlobalAdminAutoExtend, 5, 37,
            "invites:",
            "  autoExtend: true",
            "templates:",
            "  - name: Break glass",
            "    roles: [Helpdesk Administrator, Global Administrator]");
        Assert.Contains("templates.Break glass.roles requests Global Administrator and inherits invites.autoExtend: true", error.Message);

        // Saying autoExtend: false in the template settles it.
        var config = Parse("invites:", "  autoExtend: true", "templates:", "  - name: Break glass", "    roles: [Global Administrator]", "    autoExtend: false");
        Assert.False(AccessTemplates.Resolve(config, "Break glass").AutoExtend);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("11111111222233334444555555555555")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void A_malformed_group_id_is_refused(string id)
    {
        var error = Fails(ErrorIds.Template.TemplateGroupIdInvalid, 5, 13,
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator]",
            "    groups:",
            "      - id: " + id,
            "        roles: [Helpdesk Administrator]");
        Assert.Contains("templates.Support.groups[1].id", error.Message);
        Assert.Contains("object id", error.Message);
    }

    [Fact]
    public void A_group_without_id_is_refused()
    {
        var error = Fails(ErrorIds.Template.TemplateGroupIdInvalid, 5, 9,
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator]",
            "    groups:",
            "      - name: Agents",
            "        roles: [Helpdesk Administrator]");
        Assert.Contains("templates.Support.groups[1].id is missing", error.Message);
    }

    [Fact]
    public void Template_names_must_be_unique_ignoring_case()
    {
        var error = Fails(ErrorIds.Template.TemplateDuplicateName, 5, 11,
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator]",
            "  - roles: [Directory Readers]",
            "    name: SUPPORT");
        Assert.Contains("templates.SUPPORT is defined more than once", error.Message);
        Assert.Contains("first is at line 2", error.Message);
    }

    [Fact]
    public void A_template_without_name_or_roles_is_refused()
    {
        Fails(ErrorIds.Template.TemplateNameInvalid, 2, 5, "templates:", "  - roles: [Helpdesk Administrator]");
        var error = Fails(ErrorIds.Template.TemplateNoRoles, 2, 5, "templates:", "  - name: Support", "    groups: []");
        Assert.Contains("templates.Support.roles is missing", error.Message);
    }

    [Fact]
    public void A_repeated_group_is_refused()
    {
        var error = Fails(ErrorIds.Template.TemplateDuplicateGroup, 7, 13,
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator]",
            "    groups:",
            "      - id: " + GroupA,
            "        roles: [Helpdesk Administrator]",
            "      - id: " + GroupA.ToUpperInvariant(),
            "        roles: [Helpdesk Administrator]");
        Assert.Contains("templates.Support.groups[2].id repeats the group of templates.Support.groups[1]", error.Message);
    }

    [Fact]
    public void An_unknown_key_in_a_template_is_located_and_suggested()
    {
        var error = Fails(ErrorIds.Config.UnknownKey, 4, 5,
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator]",
            "    autoExtends: true");
        Assert.Contains("templates.Support.autoExtends is not a known key (did you mean 'autoExtend'?)", error.Message);
    }

    [Fact]
    public void A_bad_duration_names_the_template()
    {
        var error = Fails(ErrorIds.Config.InvalidValue, 4, 15,
            "templates:",
            "  - name: Support",
            "    roles: [Helpdesk Administrator]",
            "    duration: P900D");
        Assert.Contains("templates.Support.duration P900D is out of range", error.Message);
    }

    [Fact]
    public void The_scaffolded_example_loads_once_uncommented()
    {
        var text = ConfigScaffolder.Render(TenantId, "1234567", "Northwind", null);
        var start = text.IndexOf("# templates:", StringComparison.Ordinal);
        Assert.True(start > 0);
        var example = string.Join("\n", text.Substring(start).Split('\n').Select(l => l.StartsWith("# ", StringComparison.Ordinal) ? l.Substring(2) : l));
        var config = ConfigLoader.Parse(text.Substring(0, start) + example, Source, BaseDirectory);

        var template = AccessTemplates.Resolve(config, "Support");
        Assert.Equal(2, template.Groups.Count);
        Assert.True(template.AutoExtend);

        // Left commented, it loads as no templates.
        Assert.Empty(ConfigLoader.Parse(text, Source, BaseDirectory).Templates);
    }

    [Fact]
    public void Templates_built_in_code_follow_the_same_rules()
    {
        var error = Assert.Throws<PartnerRelationships.Core.Errors.PartnerRelationshipsException>(() => AccessTemplate.From(new AccessTemplateSettings
        {
            Name = "Support",
            Roles = { "Helpdesk Administrator" },
            Groups = { new AccessTemplateGroupSettings { Id = GroupA, Roles = { "User Administrator" } } },
        }));
        Assert.Equal(ErrorIds.Template.TemplateGroupRoleNotRequested, error.ErrorId);
        Assert.Contains("templates.Support.groups[1].roles", error.Message);
    }
}
