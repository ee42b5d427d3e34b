using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Workflow.WorkflowTestData;

namespace PartnerRelationships.Core.Tests.Workflow;

[Collection(SqliteCollection.Name)]
public sealed class CustomerDirectoryTests
{
    private const string Contoso = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Fabrikam = "5c3f3c4b-2d3e-4f60-9bac-1d2e3f4a5b6c";
    private const string Litware = "6d4a4d5c-3e4f-4071-8cbd-2e3f4a5b6c7d";

    private static async Task<List<PartnerCustomer>> ListAsync(WorkflowHarness h, PartnerCustomerQuery? filter = null)
    {
        var list = new List<PartnerCustomer>();
        await foreach (var c in new CustomerDirectory(h.GraphGdap, h.PartnerCenter).ListAsync(filter))
        {
            list.Add(c);
        }

        return list;
    }

    private static async Task SeedAsync(WorkflowHarness h)
    {
        h.State.AcceptResellerLink("Contoso Ltd", Contoso, "contoso.example");
        h.State.AcceptResellerLink("Fabrikam Inc", Fabrikam, "fabrikam.example");
        h.State.RemoveAdminRights(Fabrikam);
        await ActiveRelationshipAsync(h, "Contoso helpdesk", Contoso, "Contoso Ltd");
        await ActiveRelationshipAsync(h, "Litware helpdesk", Litware, "Litware GmbH");
    }

    [Fact]
    public async Task A_customer_item_without_allowDelegatedAccess_is_unknown_not_removed()
    {
        await using var h = await WorkflowHarness.StartAsync();
        Sandbox.Seeding.SandboxSeeder.Load(h.State, new Sandbox.Seeding.SeedFile
        {
            Customers = { new Sandbox.Seeding.SeedCustomer { TenantId = Contoso, DisplayName = "Contoso Ltd", AllowDelegatedAccess = null } },
        });

        var contoso = Assert.Single(await ListAsync(h));

        Assert.Null(contoso.AllowDelegatedAccess);
        Assert.Equal(AdminPermissionState.Unknown, contoso.AdminPermission);
    }

    [Fact]
    public async Task Joins_reseller_customers_with_their_granular_relationships_and_admin_state()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await SeedAsync(h);

        var customers = await ListAsync(h);

        Assert.Equal(new[] { "Contoso Ltd", "Fabrikam Inc", "Litware GmbH" }, customers.Select(c => c.Name));
        var contoso = customers[0];
        Assert.True(contoso.IsReseller);
        Assert.Equal(AdminPermissionState.Active, contoso.AdminPermission);
        var relationship = Assert.Single(contoso.GranularRelationships);
        Assert.Equal(RelationshipStatus.Active, relationship.Status);
        Assert.Equal(new[] { "Helpdesk Administrator", "Directory Readers" }, relationship.Roles);
        Assert.Equal(WorkflowHarness.Start + TimeSpan.FromDays(730), relationship.EndDateTime);
        Assert.False(relationship.AutoExtend);

        Assert.Equal(AdminPermissionState.Removed, customers[1].AdminPermission);
        Assert.False(customers[1].AllowDelegatedAccess);
        Assert.False(customers[2].IsReseller); // Known only through its granular relationship.
        Assert.Null(customers[2].RelationshipToPartner);
        Assert.Equal(AdminPermissionState.Active, customers[2].AdminPermission);
    }

    [Fact]
    public async Task Filters_by_name_wildcard_tenant_and_domain()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await SeedAsync(h);

        Assert.Equal(new[] { "Contoso Ltd" }, (await ListAsync(h, new PartnerCustomerQuery { Name = "c*" })).Select(c => c.Name));
        Assert.Equal(new[] { "Litware GmbH" }, (await ListAsync(h, new PartnerCustomerQuery { TenantId = Litware.ToUpperInvariant() })).Select(c => c.Name));
        Assert.Equal(new[] { "Fabrikam Inc" }, (await ListAsync(h, new PartnerCustomerQuery { Domain = "FABRIKAM.example" })).Select(c => c.Name));
        Assert.Empty(await ListAsync(h, new PartnerCustomerQuery { TenantId = "11111111-2222-3333-4444-555555555555" }));
    }

    [Fact]
    public async Task A_name_lookup_searches_partner_center_by_prefix_instead_of_reading_every_customer()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await SeedAsync(h);
        h.State.AcceptResellerLink("Contoso Labs", Guid.NewGuid().ToString(), "contosolabs.example");
        var recording = new RecordingPartnerCenter(h.PartnerCenter);

        var found = await new CustomerDirectory(h.GraphGdap, recording).ListAsync(new PartnerCustomerQuery { Names = new[] { "contoso ltd", "Fab*" } }).ToListAsync();
        var searchesBefore = recording.Searches.Count;
        var everyone = await new CustomerDirectory(h.GraphGdap, recording).ListAsync(new PartnerCustomerQuery { Name = "*Ltd" }).ToListAsync();

        Assert.Equal(new[] { "Contoso Ltd", "Fabrikam Inc" }, found.Select(c => c.Name));
        Assert.Equal(new[] { "CompanyName:contoso ltd", "CompanyName:Fab" }, recording.Searches.Take(searchesBefore));
        Assert.Equal(1, recording.WholeListReads); // only the name that starts with a wildcard reads the whole list
        Assert.Equal(new[] { "Contoso Ltd" }, everyone.Select(c => c.Name));
    }

    /// <summary>The real client, counting which customer reads the directory makes.</summary>
    private sealed class RecordingPartnerCenter(IPartnerCenterClient inner) : IPartnerCenterClient
    {
        public List<string> Searches { get; } = new();
        public int WholeListReads { get; private set; }

        public IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, CancellationToken cancellationToken = default)
        {
            WholeListReads++;
            return inner.ListCustomersAsync(pageSize, cancellationToken);
        }

        public IAsyncEnumerable<PartnerCustomerInfo> SearchCustomersAsync(CustomerSearch search, int pageSize = 100, CancellationToken cancellationToken = default)
        {
            Searches.Add($"{search.Field}:{search.Prefix}");
            return inner.SearchCustomersAsync(search, pageSize, cancellationToken);
        }

        public Task<Uri> GetRelationshipRequestLinkAsync(CancellationToken cancellationToken = default) => inner.GetRelationshipRequestLinkAsync(cancellationToken);
        public Task<PartnerCustomerInfo> GetCustomerAsync(string customerTenantId, CancellationToken cancellationToken = default) => inner.GetCustomerAsync(customerTenantId, cancellationToken);
        public Task RemoveResellerRelationshipAsync(string customerTenantId, CancellationToken cancellationToken = default) => inner.RemoveResellerRelationshipAsync(customerTenantId, cancellationToken);
        public Task<IReadOnlyList<CustomerSubscriptionInfo>> ListSubscriptionsAsync(string customerTenantId, CancellationToken cancellationToken = default) => inner.ListSubscriptionsAsync(customerTenantId, cancellationToken);
        public Task<SupportContactInfo?> GetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, CancellationToken cancellationToken = default) => inner.GetSubscriptionSupportContactAsync(customerTenantId, subscriptionId, cancellationToken);
        public Task<SupportContactInfo> SetSubscriptionSupportContactAsync(string customerTenantId, string subscriptionId, SupportContactInfo contact, CancellationToken cancellationToken = default) => inner.SetSubscriptionSupportContactAsync(customerTenantId, subscriptionId, contact, cancellationToken);
        public Task<IReadOnlyList<CustomerResellerRelationshipInfo>> ListCustomerRelationshipsAsync(string customerTenantId, CancellationToken cancellationToken = default) => inner.ListCustomerRelationshipsAsync(customerTenantId, cancellationToken);
    }

    [Fact]
    public async Task Ended_relationships_are_hidden_unless_asked_and_the_state_becomes_Removed()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var r = await ActiveRelationshipAsync(h, "Litware helpdesk", Litware, "Litware GmbH");
        h.State.TerminateFromCustomer(r.Id);

        var hidden = Assert.Single(await ListAsync(h));
        Assert.Empty(hidden.GranularRelationships);
        Assert.Equal(AdminPermissionState.Removed, hidden.AdminPermission);
        Assert.Single(Assert.Single(await ListAsync(h, new PartnerCustomerQuery { IncludeEndedRelationships = true })).GranularRelationships);
    }

    [Fact]
    public async Task Streams_partner_center_pages_as_they_arrive()
    {
        // More customers than the directory ever holds before its first customer goes out (the read-ahead while the
        // relationships load, the page in flight, the page it keeps ahead of the caller), whatever the timing: the
        // pages after them can only be read as the caller consumes.
        const int pageSize = 500;
        var count = CustomerDirectory.MaxReadAhead + 3 * pageSize;
        await using var h = await WorkflowHarness.StartAsync();
        for (var i = 0; i < count; i++)
        {
            h.State.AcceptResellerLink($"Customer {i:D5}");
        }

        var seen = 0;
        await foreach (var c in new CustomerDirectory(h.GraphGdap, h.PartnerCenter).ListAsync(new PartnerCustomerQuery { PageSize = pageSize }))
        {
            seen++;
            if (seen == 1)
            {
                // The first customer arrives before the later pages are read: add one now, and it still shows up at the end.
                h.State.AcceptResellerLink("Late Customer");
            }
        }

        Assert.Equal(count + 1, seen);
    }
}
