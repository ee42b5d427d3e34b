using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Tests.Text;

public class DurationTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1_800)]
    [InlineData("12H", 43_200)]
    [InlineData("14d", 1_209_600)]
    [InlineData(" 2d ", 172_800)]
    [InlineData("P14D", 1_209_600)]
    [InlineData("pt12h", 43_200)]
    [InlineData("P1DT1H", 90_000)]
    [InlineData("14.00:00:00", 1_209_600)]
    [InlineData("00:00:30", 30)]
    public void Reads_units_iso_8601_and_the_colon_form(string text, long seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("14")]
    [InlineData("2 weeks")]
    [InlineData("14w")]
    [InlineData("1.5d")]
    [InlineData("P")]
    [InlineData("Pfoo")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Refuses_bare_numbers_and_unknown_spellings(string? text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Fact]
    public void A_negative_span_parses_so_the_caller_can_say_it_is_negative()
    {
        Assert.True(DurationText.TryParse("-1.00:00:00", out var colon));
        Assert.True(DurationText.TryParse("-P1D", out var iso));
        Assert.Equal(TimeSpan.FromDays(-1), colon);
        Assert.Equal(TimeSpan.FromDays(-1), iso);
    }
}
