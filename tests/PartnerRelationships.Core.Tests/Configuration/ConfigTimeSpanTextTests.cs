using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Tests.Configuration;

public class ConfigTimeSpanTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("30S", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:30", 30_000)]
    [InlineData("01:02:03", 3_723_000)]
    [InlineData(" 2s ", 2_000)]
    public void Both_spellings_parse(string text, long milliseconds)
    {
        Assert.True(ConfigTimeSpanText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("30 s")]
    [InlineData("1d")]
    [InlineData("1.5s")]
    [InlineData("PT30S")]
    [InlineData("")]
    public void Other_spellings_do_not(string text)
    {
        Assert.False(ConfigTimeSpanText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(1_000, "1s")]
    [InlineData(90_000, "90s")]
    [InlineData(300_000, "5m")]
    [InlineData(7_200_000, "2h")]
    public void Format_uses_the_largest_exact_unit(long milliseconds, string expected)
    {
        Assert.Equal(expected, ConfigTimeSpanText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
