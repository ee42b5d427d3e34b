using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Tests.Collections;

public sealed class TextArenaTests
{
    [Fact]
    public void Texts_come_back_as_they_went_in_null_and_empty_included()
    {
        var arena = new TextArena();
        var refs = new[] { arena.Add("Contoso Ltd"), arena.Add(null), arena.Add(""), arena.Add("ü – 日本") };

        Assert.Equal("Contoso Ltd", arena.Get(refs[0]));
        Assert.Null(arena.Get(refs[1]));
        Assert.True(refs[1].IsNull);
        Assert.Equal("", arena.Get(refs[2]));
        Assert.Equal("ü – 日本", arena.Get(refs[3]));
    }

    [Fact]
    public void Many_texts_fill_several_blocks_and_each_stays_whole()
    {
        var arena = new TextArena();
        var texts = Enumerable.Range(0, 5_000).Select(i => $"customer-{i}-" + new string((char)('a' + i % 26), i % 40)).ToList();
        var refs = texts.Select(arena.Add).ToList();

        Assert.Equal(texts, refs.Select(arena.Get));
        Assert.True(refs.Select(r => r.Block).Distinct().Count() > 1, "the texts should span more than one block");
    }

    [Fact]
    public void A_text_longer_than_a_block_is_kept_whole()
    {
        var arena = new TextArena();
        var before = arena.Add("before");
        var longText = new string('x', 40_000) + "end";
        var added = arena.Add(longText);
        var after = arena.Add("after");

        Assert.Equal(longText, arena.Get(added));
        Assert.Equal("before", arena.Get(before));
        Assert.Equal("after", arena.Get(after));
    }

    [Fact]
    public void After_Clear_new_texts_are_kept_as_before()
    {
        var arena = new TextArena();
        for (var i = 0; i < 3_000; i++) arena.Add(new string('q', 30));

        arena.Clear();
        var again = arena.Add("Fabrikam");

        Assert.Equal("Fabrikam", arena.Get(again));
        Assert.Equal(0, again.Block);
    }
}
