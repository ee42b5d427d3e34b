using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Tests.Compliance;

public class SnapshotStringPoolTests
{
    private static string Copy(string value) => new(value.ToCharArray());

    [Fact]
    public void Equal_strings_come_back_as_the_first_instance_and_other_case_stays_distinct()
    {
        var pool = new SnapshotStringPool();
        var first = Copy("tenant-0001");

        Assert.Same(first, pool.Share(first));
        Assert.Same(first, pool.Share(Copy("tenant-0001")));
        var upper = Copy("TENANT-0001");
        Assert.Same(upper, pool.Share(upper));
        Assert.Equal("", pool.Share(Copy("")));
        Assert.Null(pool.ShareOrNull(null));
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Sharing_holds_while_the_table_grows_many_times()
    {
        var pool = new SnapshotStringPool();
        var firsts = Enumerable.Range(0, 50_000).Select(i => Copy("relationship-" + i)).ToList();
        foreach (var s in firsts)
        {
            Assert.Same(s, pool.Share(s));
        }

        Assert.Equal(50_000, pool.Count);
        for (var i = 0; i < firsts.Count; i += 7)
        {
            Assert.Same(firsts[i], pool.Share(Copy("relationship-" + i)));
        }

        Assert.Equal(50_000, pool.Count);
    }

    [Fact]
    public void At_a_large_partners_400000_strings_no_table_reaches_the_large_object_heap()
    {
        var pool = new SnapshotStringPool();
        for (var i = 0; i < 400_000; i++)
        {
            pool.Share(Guid.NewGuid().ToString());
        }

        Assert.Equal(400_000, pool.Count);
        // An array of references takes 8 bytes a slot (plus a header); the large-object heap starts at 85,000 bytes.
        Assert.InRange(pool.LargestSegmentSlots * 8 + 24, 1, 84_999);
    }

    [Fact]
    public void After_clear_the_pool_is_empty_and_shares_anew()
    {
        var pool = new SnapshotStringPool();
        var before = Copy("Contoso");
        pool.Share(before);

        pool.Clear();

        var after = Copy("Contoso");
        Assert.Equal(0, pool.Count);
        Assert.Same(after, pool.Share(after));
        Assert.NotSame(before, pool.Share(Copy("Contoso")));
    }
}
