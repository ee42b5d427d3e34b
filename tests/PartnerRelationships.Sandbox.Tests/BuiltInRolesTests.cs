namespace PartnerRelationships.Sandbox.Tests;

public sealed class BuiltInRolesTests
{
    [Theory]
    [InlineData("62e90394-69f5-4237-9190-012177145e10", "Global Administrator")]
    [InlineData("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator")]
    [InlineData("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator")]
    [InlineData("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers")]
    [InlineData("5d6b6bb7-de71-4623-b4af-96380a352509", "Security Reader")]
    [InlineData("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator")]
    public void Knows_the_common_gdap_roles(string id, string name)
    {
        Assert.True(BuiltInRoles.IsBuiltIn(id));
        Assert.Equal(name, BuiltInRoles.FindById(id.ToUpperInvariant())!.Name);
        Assert.Equal(id, BuiltInRoles.FindByName(name)!.Id);
    }

    [Fact]
    public void Has_at_least_thirty_distinct_roles_with_guid_ids()
    {
        Assert.True(BuiltInRoles.All.Count >= 30);
        Assert.All(BuiltInRoles.All, r => Assert.True(Guid.TryParse(r.Id, out _), r.Id));
        Assert.Equal(BuiltInRoles.All.Count, BuiltInRoles.All.Select(r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(BuiltInRoles.All.Count, BuiltInRoles.All.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Custom_or_missing_ids_are_not_built_in()
    {
        Assert.False(BuiltInRoles.IsBuiltIn("11111111-2222-3333-4444-555555555555"));
        Assert.False(BuiltInRoles.IsBuiltIn(null));
    }
}
