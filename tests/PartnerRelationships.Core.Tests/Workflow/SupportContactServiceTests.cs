using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Core.Tests.Workflow;

/// <summary>Support contacts per subscription, end to end against the sandbox (update-/get-a-subscription-s-support-contact).</summary>
[Collection(SqliteCollection.Name)]
public sealed class SupportContactServiceTests
{
    private const string Tenant = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string ResellerTenant = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    [Fact]
    public async Task A_customers_subscriptions_say_which_can_have_a_support_contact()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant);
        var service = new SupportContactService(h.PartnerCenter);

        var subscriptions = await service.ListSubscriptionsAsync(Tenant);

        Assert.Equal(2, subscriptions.Count);
        Assert.All(subscriptions, s => Assert.Equal("Contoso Ltd", s.CustomerName));
        Assert.Equal(SupportContactAvailability.Available, subscriptions.Single(s => s.OfferId == SandboxSubscriptions.LegacyOfferId).SupportContact);
        Assert.Equal(SupportContactAvailability.NotSupported, subscriptions.Single(s => s.OfferId == SandboxSubscriptions.NewCommerceOfferId).SupportContact);
    }

    [Fact]
    public async Task The_partner_sees_and_assigns_who_supports_each_subscription()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant, indirectResellerId: ResellerTenant, indirectResellerName: "Tailspin IT");
        var service = new SupportContactService(h.PartnerCenter);

        var before = await service.GetAsync(Tenant);
        Assert.Equal(new[] { SupportContactState.NotSet, SupportContactState.NotSupported }, before.OrderBy(c => c.State).Select(c => c.State));

        var legacy = (await service.ListSubscriptionsAsync(Tenant)).Single(s => s.SupportContact == SupportContactAvailability.Available);
        var reseller = await service.IndirectResellerAsync(Tenant, "Tailspin IT");
        var set = await service.SetAsync(legacy, reseller);

        Assert.Equal(SupportContactState.Set, set.State);
        Assert.Equal("Contoso Ltd", set.CustomerName);
        Assert.Equal(ResellerTenant, set.SupportTenantId);
        Assert.Equal("Tailspin IT", set.SupportName);
        var after = Assert.Single(await new SupportContactService(h.PartnerCenter).GetAsync(Tenant, legacy.SubscriptionId));
        Assert.Equal(set, after);
    }

    [Fact]
    public async Task A_new_commerce_subscription_is_refused_before_any_call()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant);
        var service = new SupportContactService(h.PartnerCenter);
        var nce = (await service.ListSubscriptionsAsync(Tenant)).Single(s => s.SupportContact == SupportContactAvailability.NotSupported);

        var e = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.SetAsync(nce, new SupportContactInfo(ResellerTenant, "7654321", "Tailspin")));

        Assert.Equal(ErrorIds.Workflow.SupportContactNotSupported, e.ErrorId);
        Assert.Contains("new-commerce", e.Message);
    }

    [Fact]
    public async Task A_contact_that_is_not_one_of_the_partners_indirect_resellers_is_refused_by_the_service()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant);
        var service = new SupportContactService(h.PartnerCenter);
        var legacy = (await service.ListSubscriptionsAsync(Tenant)).Single(s => s.SupportContact == SupportContactAvailability.Available);

        var e = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.SetAsync(legacy, new SupportContactInfo(Guid.NewGuid().ToString(), "1111111", "Stranger")));

        Assert.Equal("RemoteBadRequest", e.ErrorId);
        Assert.Contains("800016", e.Message);
        Assert.Equal(SupportContactState.NotSet, (await service.GetAsync(legacy)).State);
    }

    [Fact]
    public async Task Bad_input_and_unknown_customers_fail_clearly()
    {
        await using var h = await WorkflowHarness.StartAsync();
        h.State.AcceptResellerLink("Contoso Ltd", Tenant);
        var service = new SupportContactService(h.PartnerCenter);

        Assert.Equal(ErrorIds.Workflow.InvalidSupportContact, Assert.Throws<PartnerRelationshipsException>(() => SupportContactService.Validate(new SupportContactInfo("nope", "1", "X"))).ErrorId);
        Assert.Equal(ErrorIds.Workflow.InvalidSupportContact, Assert.Throws<PartnerRelationshipsException>(() => SupportContactService.Validate(new SupportContactInfo(Tenant, "12ab", "X"))).ErrorId);
        Assert.Equal(ErrorIds.Workflow.InvalidSupportContact, Assert.Throws<PartnerRelationshipsException>(() => SupportContactService.Validate(new SupportContactInfo(Tenant, null, "X"))).ErrorId);
        Assert.Equal(ErrorIds.Workflow.InvalidSupportContact, Assert.Throws<PartnerRelationshipsException>(() => SupportContactService.Validate(new SupportContactInfo(Tenant, "1", "Help\r\nX-Evil: 1"))).ErrorId);
        Assert.Equal(ErrorIds.Workflow.InvalidSupportContact, Assert.Throws<PartnerRelationshipsException>(() => SupportContactService.Validate(new SupportContactInfo(Tenant, "1", new string('x', 100_000)))).ErrorId);
        Assert.Equal(ErrorIds.Invite.InvalidCustomerTenantId, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.GetAsync("contoso"))).ErrorId);
        Assert.Equal("RemoteNotFound", (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.GetAsync(Guid.NewGuid().ToString()))).ErrorId);
        Assert.Equal(ErrorIds.Workflow.SubscriptionNotFound, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.GetAsync(Tenant, "no-such-subscription"))).ErrorId);
        Assert.Equal(ErrorIds.Workflow.IndirectResellerNotFound, (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => service.IndirectResellerAsync(Tenant, "Nobody"))).ErrorId);
    }
}
