using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store;

public sealed class StoreWildcardTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("a*c", "a%c")]
    [InlineData("a?c", "a_c")]
    [InlineData("100%", "100\\%")]
    [InlineData("a_b", "a\\_b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("[x]", "[x]")]
    [InlineData("`*", "*")]
    [InlineData("`?", "?")]
    [InlineData("``", "`")]
    [InlineData("`%", "\\%")]
    [InlineData("trailing`", "trailing`")]
    public void Translates_to_a_like_pattern(string wildcard, string like)
    {
        Assert.Equal(like, StoreWildcard.ToLikePattern(wildcard));
    }
}
