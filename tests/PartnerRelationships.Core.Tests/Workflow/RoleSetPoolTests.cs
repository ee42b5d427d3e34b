using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Tests.Workflow;

public sealed class RoleSetPoolTests
{
    private const string UnknownRole = "0f0e0d0c-0b0a-4909-8807-060504030201";

    [Fact]
    public void The_same_ids_in_the_same_order_share_one_set_with_names_from_the_catalog()
    {
        var pool = new RoleSetPool();

        var first = pool.Share(new List<string> { RoleCatalog.GlobalAdministrator, UnknownRole });
        var second = pool.Share(new[] { RoleCatalog.GlobalAdministrator, UnknownRole });

        Assert.Same(first, second);
        Assert.Equal(new[] { RoleCatalog.GlobalAdministrator, UnknownRole }, first.Ids);
        Assert.Equal(new[] { RoleCatalog.NameOf(RoleCatalog.GlobalAdministrator), UnknownRole }, first.Names); // an id not in the catalog shows as itself
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Another_order_or_another_id_is_another_set_and_the_caller_list_is_not_kept()
    {
        var pool = new RoleSetPool();
        var ids = new List<string> { RoleCatalog.GlobalAdministrator, UnknownRole };

        var set = pool.Share(ids);
        ids[0] = "changed";

        Assert.NotSame(set, pool.Share(new[] { UnknownRole, RoleCatalog.GlobalAdministrator }));
        Assert.NotSame(set, pool.Share(new[] { RoleCatalog.GlobalAdministrator }));
        Assert.Equal(RoleCatalog.GlobalAdministrator, set.Ids[0]);
        Assert.Equal(3, pool.Count);
    }

    [Fact]
    public void No_roles_is_the_empty_set()
    {
        var set = new RoleSetPool().Share(Array.Empty<string>());

        Assert.Same(RoleSet.Empty, set);
        Assert.Empty(set.Names);
    }
}
