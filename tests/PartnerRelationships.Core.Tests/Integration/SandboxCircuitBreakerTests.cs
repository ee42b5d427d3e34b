using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Integration;

public class SandboxCircuitBreakerTests
{
    [Fact]
    public async Task The_breaker_opens_while_the_service_fails_and_closes_once_it_answers_again()
    {
        var retry = new RetrySettings
        {
            MaxAttempts = 1,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromMinutes(10),
            BreakerFailureRatio = 0.5,
            BreakerMinimumThroughput = 2,
            BreakerSamplingDuration = TimeSpan.FromSeconds(30),
            BreakerBreakDuration = TimeSpan.FromSeconds(20),
        };
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { ServerErrorProbability = 1 }, customers: 1, retry: retry);
        var graphGdap = sandbox.Connection.GraphGdap;
        var partnerCenter = sandbox.Connection.PartnerCenter;

        for (var i = 0; i < 2; i++)
        {
            var failed = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => graphGdap.GetRelationshipAsync("any"));
            Assert.Equal("RemoteServiceError", failed.ErrorId);
        }

        // Open: fails fast without a request, for Partner Center too (one pipeline per connection).
        var open = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => partnerCenter.GetCustomerAsync("any"));
        Assert.Equal("ServiceUnavailable", open.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, open.Category);
        Assert.Contains("in 20 seconds", open.Message);
        Assert.Equal(2, sandbox.Observer.Attempts.Count);

        // The service recovers; after the break the next call is let through as a trial and closes the breaker.
        sandbox.Server.Faults.Settings = FaultSettings.None;
        sandbox.Clock.Advance(retry.BreakerBreakDuration);
        var customer = sandbox.Server.State.Customers[0];
        Assert.Equal(customer.TenantId, (await partnerCenter.GetCustomerAsync(customer.TenantId)).TenantId);
        Assert.Equal(customer.TenantId, (await partnerCenter.GetCustomerAsync(customer.TenantId)).TenantId);
        Assert.Equal(4, sandbox.Observer.Attempts.Count);
        Assert.Empty(sandbox.Clock.Waits);
    }
}
