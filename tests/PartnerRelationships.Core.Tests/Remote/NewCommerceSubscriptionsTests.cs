using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

/// <summary>Our reading of which subscriptions are new commerce (docs/wire-contract.md, "Choices").</summary>
public class NewCommerceSubscriptionsTests
{
    [Theory]
    [InlineData("5c9fd4cc-edce-44a8-8e91-07df09744609", SupportContactAvailability.Available)]
    [InlineData("0CCA44D6-68E9-4762-94EE-31ECE98783B9", SupportContactAvailability.Available)]
    [InlineData("CFQ7TTC0LH18:0001:CFQ7TTC0K5DR", SupportContactAvailability.NotSupported)]
    [InlineData(" CFQ7TTC0LH18:0001:CFQ7TTC0K5DR ", SupportContactAvailability.NotSupported)]
    [InlineData("CFQ7TTC0LH18:0001", SupportContactAvailability.Unknown)]
    [InlineData("CFQ7TTC0LH18::CFQ7TTC0K5DR", SupportContactAvailability.Unknown)]
    [InlineData("DZH318Z0BQ3Q:0001:DZH318Z08M9P:x", SupportContactAvailability.Unknown)]
    [InlineData("some-offer", SupportContactAvailability.Unknown)]
    [InlineData("", SupportContactAvailability.Unknown)]
    [InlineData(null, SupportContactAvailability.Unknown)]
    public void The_offer_id_tells_new_commerce_from_legacy(string? offerId, SupportContactAvailability expected)
    {
        var subscription = new CustomerSubscriptionInfo("s1", offerId, null, null, "active", null);

        Assert.Equal(expected, subscription.SupportContactAvailability);
    }
}
