using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

public sealed class RelationshipDurationTextTests
{
    [Theory]
    [InlineData("P90D", 90)]
    [InlineData(" p730d ", 730)]
    [InlineData("P1D", 1)]
    [InlineData("90.00:00:00", 90)]
    [InlineData("730.00:00:00", 730)]
    [InlineData("1.00:00:00", 1)]
    public void Reads_iso_durations_and_time_spans(string text, int days) =>
        Assert.Equal(TimeSpan.FromDays(days), RelationshipDurations.FromText(text));

    [Theory]
    [InlineData("P731D")]
    [InlineData("P0D")]
    [InlineData("-P5D")]
    [InlineData("PT12H")]
    [InlineData("731.00:00:00")]
    [InlineData("1.12:00:00")]
    [InlineData("ninety days")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_what_is_not_whole_days_within_two_years(string? text)
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() => RelationshipDurations.FromText(text, "-Duration"));
        Assert.Equal(ErrorIds.Workflow.InvalidRelationshipDuration, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Category);
        Assert.Contains("P", error.Message);
    }
}
