using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Tests.Configuration;

public class KeySuggesterTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("nmae", "name", 1)]
    public void Distance_counts_edits_and_adjacent_transpositions(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
    }

    [Theory]
    [InlineData("maxAtempts", "maxAttempts")]
    [InlineData("MAXATTEMPT", "maxAttempts")]
    [InlineData("basedelay", "baseDelay")]
    [InlineData("clientSecretVar", "clientSecretVariable")]
    [InlineData("zzz", null)]
    public void Nearest_picks_a_close_key_or_nothing(string typed, string? expected)
    {
        Assert.Equal(expected, KeySuggester.Nearest(typed, ConfigSchema.SectionKeys["retry"].Concat(new[] { "clientSecretVariable" })));
    }
}
