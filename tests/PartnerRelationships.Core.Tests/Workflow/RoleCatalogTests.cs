using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Tests.Workflow;

public sealed class RoleCatalogTests
{
    [Fact]
    public void Resolves_by_name_case_insensitively_or_by_id()
    {
        Assert.Equal(RoleCatalog.GlobalAdministrator, RoleCatalog.Resolve("global administrator").Id);
        Assert.Equal("Global Administrator", RoleCatalog.Resolve(" 62E90394-69F5-4237-9190-012177145E10 ").Name);
        Assert.Equal(new[] { "Helpdesk Administrator", "Directory Readers" },
            RoleCatalog.ResolveAll(new[] { "Helpdesk Administrator", RoleCatalog.DirectoryReaders, "helpdesk administrator" }).Select(r => r.Name));
    }

    [Fact]
    public void Unknown_roles_fail_with_suggestions()
    {
        var typo = Assert.Throws<PartnerRelationshipsException>(() => RoleCatalog.Resolve("Helpdesk Admnistrator"));
        Assert.Equal(ErrorIds.Role.UnknownRole, typo.ErrorId);
        Assert.Contains("'Helpdesk Administrator'", typo.Message);

        var custom = Assert.Throws<PartnerRelationshipsException>(() => RoleCatalog.Resolve("11111111-2222-3333-4444-555555555555"));
        Assert.Contains("built-in", custom.Message);
        Assert.Equal(ErrorIds.Role.NoRolesGiven, Assert.Throws<PartnerRelationshipsException>(() => RoleCatalog.ResolveAll(new[] { " " })).ErrorId);
    }

    [Fact]
    public void Completion_matches_prefixes_and_wildcards()
    {
        Assert.All(RoleCatalog.Match("Exch"), r => Assert.StartsWith("Exchange", r.Name));
        Assert.Equal(2, RoleCatalog.Match("Exch").Count);
        Assert.Contains(RoleCatalog.Match("*Reader*"), r => r.Name == "Global Reader");
        Assert.Equal(RoleCatalog.All.Count, RoleCatalog.Match("").Count);
    }

    [Fact]
    public void The_sandbox_uses_the_same_table()
    {
        Assert.Same(RoleCatalog.All, PartnerRelationships.Sandbox.BuiltInRoles.All);
        Assert.Equal(RoleCatalog.All.Count, RoleCatalog.All.Select(r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
