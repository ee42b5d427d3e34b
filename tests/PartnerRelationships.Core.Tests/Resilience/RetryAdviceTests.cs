using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>A service message that already says to retry is not followed by our own "Try again later.".</summary>
public sealed class RetryAdviceTests
{
    [Theory]
    [InlineData("The service is temporarily unavailable (injected by the sandbox). Retry later.", "")]
    [InlineData("Please try again in a minute.", "")]
    [InlineData("An internal server error occurred.", " Try again later.")]
    [InlineData(null, " Try again later.")]
    public void Advises_only_what_the_service_did_not(string? serviceMessage, string expected)
    {
        Assert.Equal(expected, ServiceErrorText.RetryAdvice(serviceMessage));
    }

    [Fact]
    public void A_503_that_says_retry_later_reads_it_once()
    {
        var ex = RemoteErrors.FromStatus(503, "List customers", "serviceNotAvailable", "The service is temporarily unavailable. Retry later.");

        Assert.Equal("List customers failed (HTTP 503, serviceNotAvailable): The service is temporarily unavailable. Retry later.", ex.Message);
    }
}
