using PartnerRelationships.Core.Compliance;

namespace PartnerRelationships.Core.Tests.Compliance;

public class InducedCollectionTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(InducedCollection.MinimumItems - 1, false)]
    [InlineData(InducedCollection.MinimumItems, true)]
    [InlineData(283_068, true)]
    public void Only_a_large_snapshot_is_worth_a_collection(int items, bool worthIt) =>
        Assert.Equal(worthIt, InducedCollection.IsWorthIt(items));

    [Fact]
    public void A_large_snapshot_gets_a_full_collection()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);

        Assert.True(InducedCollection.AfterDropping(InducedCollection.MinimumItems));

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
    }

    [Fact]
    public void A_small_one_is_left_to_the_runtime() =>
        Assert.False(InducedCollection.AfterDropping(InducedCollection.MinimumItems - 1));
}
