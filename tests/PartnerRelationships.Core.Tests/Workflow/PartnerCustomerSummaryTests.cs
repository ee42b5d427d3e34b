using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

public sealed class PartnerCustomerSummaryTests
{
    private static PartnerCustomer With(params RelationshipStatus[] statuses) => new()
    {
        TenantId = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
        Name = "Contoso Ltd",
        GranularRelationships = statuses.Select((s, i) => new GranularRelationshipSummary { Id = $"r{i}", DisplayName = $"GDAP {i}", Status = s }).ToList(),
    };

    [Theory]
    [InlineData("-")]
    [InlineData("1 Active", RelationshipStatus.Active)]
    [InlineData("2 Active", RelationshipStatus.Active, RelationshipStatus.Expiring, RelationshipStatus.Terminated)]
    [InlineData("1 Active", RelationshipStatus.ApprovalPending, RelationshipStatus.Active)]
    [InlineData("Pending", RelationshipStatus.ApprovalPending, RelationshipStatus.Terminated)]
    [InlineData("Pending", RelationshipStatus.Created)]
    [InlineData("Ending", RelationshipStatus.TerminationRequested, RelationshipStatus.Expired)]
    [InlineData("Ended", RelationshipStatus.Expired, RelationshipStatus.Terminated)]
    [InlineData("Unknown", RelationshipStatus.Unknown)]
    public void Summarises_the_granular_relationships_for_a_table(string expected, params RelationshipStatus[] statuses)
    {
        Assert.Equal(expected, With(statuses).GranularStatusSummary);
    }
}
