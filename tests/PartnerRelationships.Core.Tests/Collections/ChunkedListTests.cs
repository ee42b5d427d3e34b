using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Tests.Collections;

public sealed class ChunkedListTests
{
    [Fact]
    public void Items_across_blocks_keep_their_index_and_can_be_changed_in_place()
    {
        var list = new ChunkedList<int>(blockShift: 2); // blocks of 4
        for (var i = 0; i < 11; i++)
        {
            Assert.Equal(i, list.Add(i * 10));
        }

        list[5] += 1;

        Assert.Equal(11, list.Count);
        Assert.Equal(new[] { 0, 10, 20, 30, 40, 51, 60, 70, 80, 90, 100 }, Enumerable.Range(0, list.Count).Select(i => list[i]));
    }

    [Fact]
    public void Reading_past_the_end_is_refused()
    {
        var list = new ChunkedList<int>(blockShift: 2);
        list.Add(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => list[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void Clear_forgets_every_item_and_the_list_fills_again_from_zero()
    {
        var list = new ChunkedList<int>(blockShift: 2);
        for (var i = 0; i < 9; i++) list.Add(i);

        list.Clear();
        Assert.Equal(0, list.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[0]);

        for (var i = 0; i < 6; i++) list.Add(100 + i);
        Assert.Equal(new[] { 100, 101, 102, 103, 104, 105 }, Enumerable.Range(0, list.Count).Select(i => list[i]));
    }

    [Fact]
    public void TrimExcess_keeps_every_item_and_adding_goes_on_after_it()
    {
        var list = new ChunkedList<int>(blockShift: 2);
        for (var i = 0; i < 6; i++) list.Add(i);

        list.TrimExcess();
        list.Add(6);
        list.Add(7);
        list.Add(8);

        Assert.Equal(Enumerable.Range(0, 9), Enumerable.Range(0, list.Count).Select(i => list[i]));
    }
}
