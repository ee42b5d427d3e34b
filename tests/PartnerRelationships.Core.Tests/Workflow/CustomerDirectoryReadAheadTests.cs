using System.Runtime.CompilerServices;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Core.Tests.Remote;

namespace PartnerRelationships.Core.Tests.Workflow;

/// <summary>
/// The directory reads customers while the relationship list loads: bounded, joined only once every relationship is
/// in, errors in the order the one-after-the-other reads gave them, both reads stopped when the caller stops.
/// </summary>
public sealed class CustomerDirectoryReadAheadTests
{
    private const string TenantId = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

    private static DelegatedAdminRelationshipInfo Relationship(string tenant, string name = "GDAP") => new()
    {
        Id = "rel-" + tenant,
        DisplayName = name,
        CustomerTenantId = tenant,
        CustomerName = "Graph name of " + tenant,
        Status = RelationshipStatus.Active,
    };

    private static PartnerRelationshipsException Forbidden(string what) => new("RemoteForbidden", ErrorKind.PermissionDenied, what + " was refused.");

    [Fact]
    public async Task Customers_are_read_while_relationships_load_and_joined_once_all_are_in()
    {
        var graphGdap = new GatedGraphGdap { Relationships = { Relationship("t-3"), Relationship("graph-only") } };
        var partnerCenter = new ScriptedCustomers { Count = 10 };
        await using var e = new CustomerDirectory(graphGdap, partnerCenter).ListAsync().GetAsyncEnumerator();

        var first = e.MoveNextAsync();

        Assert.False(first.IsCompleted); // Nothing can be joined before the last relationship page.
        Assert.Equal(10, partnerCenter.Pulled); // …but every customer page was read meanwhile.
        graphGdap.Release.SetResult();
        var listed = new List<PartnerCustomer>();
        for (var more = await first; more; more = await e.MoveNextAsync()) listed.Add(e.Current);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"t-{i}").Append("graph-only"), listed.Select(c => c.TenantId));
        Assert.Equal("GDAP", Assert.Single(listed[3].GranularRelationships).DisplayName);
        Assert.All(listed.Where(c => c.TenantId != "t-3" && c.TenantId != "graph-only"), c => Assert.Empty(c.GranularRelationships));
        Assert.Equal("Graph name of graph-only", listed[^1].Name);
    }

    [Fact]
    public async Task The_read_ahead_is_bounded()
    {
        var graphGdap = new GatedGraphGdap();
        var partnerCenter = new ScriptedCustomers { Count = CustomerDirectory.MaxReadAhead + 500 };
        await using var e = new CustomerDirectory(graphGdap, partnerCenter).ListAsync().GetAsyncEnumerator();

        var first = e.MoveNextAsync();

        Assert.False(first.IsCompleted);
        Assert.InRange(partnerCenter.Pulled, CustomerDirectory.MaxReadAhead, CustomerDirectory.MaxReadAhead + 1); // + the one in flight
        graphGdap.Release.SetResult();
        var count = 0;
        for (var more = await first; more; more = await e.MoveNextAsync()) count++;
        Assert.Equal(CustomerDirectory.MaxReadAhead + 500, count);
    }

    [Fact]
    public async Task The_read_ahead_grows_with_the_relationships_already_held()
    {
        // 7,000 relationships are in and more are coming: as many customers may wait, not just MaxReadAhead.
        var held = CustomerDirectory.MaxReadAhead + 2_000;
        var graphGdap = new GatedGraphGdap();
        graphGdap.Ahead.AddRange(Enumerable.Range(0, held).Select(i => Relationship($"held-{i}")));
        var partnerCenter = new ScriptedCustomers { Count = held + 3_000 };
        await using var e = new CustomerDirectory(graphGdap, partnerCenter).ListAsync().GetAsyncEnumerator();

        var first = e.MoveNextAsync();

        // The relationships come through their own read-ahead, on another thread, and the customers follow them in
        // steps of a thousand: past MaxReadAhead, never past the relationships held (+ the one in flight).
        await partnerCenter.WhenPulled(CustomerDirectory.MaxReadAhead + 1_000).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(first.IsCompleted);
        Assert.InRange(partnerCenter.Pulled, CustomerDirectory.MaxReadAhead + 1_000, held + 1);
        graphGdap.Release.SetResult();
        var count = 0;
        for (var more = await first; more; more = await e.MoveNextAsync()) count++;
        Assert.Equal(held + 3_000 + held, count); // Every customer, then the relationships' Graph-only tenants.
    }

    [Fact]
    public async Task A_failed_relationship_read_surfaces_and_stops_the_customer_read()
    {
        var graphGdap = new GatedGraphGdap { Failure = Forbidden("Listing relationships") };
        var partnerCenter = new ScriptedCustomers { Count = 50 };
        var listing = new CustomerDirectory(graphGdap, partnerCenter).ListAsync().ToListAsync().AsTask();

        graphGdap.Release.SetResult();
        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => listing);

        Assert.Equal("RemoteForbidden", ex.ErrorId);
        Assert.StartsWith("Listing relationships", ex.Message);
        Assert.True(partnerCenter.Disposed);
    }

    [Fact]
    public async Task A_failed_customer_read_surfaces_after_the_customers_before_it()
    {
        var graphGdap = new GatedGraphGdap { Relationships = { Relationship("t-1") } };
        var partnerCenter = new ScriptedCustomers { Count = 10, FailAt = 3 };
        var listed = new List<string>();
        var listing = Task.Run(async () =>
        {
            await foreach (var c in new CustomerDirectory(graphGdap, partnerCenter).ListAsync()) listed.Add(c.TenantId);
        });

        graphGdap.Release.SetResult();
        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => listing);

        Assert.Equal(new[] { "t-0", "t-1", "t-2" }, listed);
        Assert.StartsWith("Listing customers", ex.Message);
    }

    [Fact]
    public async Task When_both_reads_fail_the_relationship_error_wins_as_before()
    {
        var graphGdap = new GatedGraphGdap { Failure = Forbidden("Listing relationships") };
        var partnerCenter = new ScriptedCustomers { Count = 10, FailAt = 0 };
        var listing = new CustomerDirectory(graphGdap, partnerCenter).ListAsync().ToListAsync().AsTask();

        graphGdap.Release.SetResult();
        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => listing);

        Assert.StartsWith("Listing relationships", ex.Message);
    }

    [Fact]
    public async Task Stopping_early_cancels_and_disposes_the_customer_read()
    {
        var graphGdap = new GatedGraphGdap();
        graphGdap.Release.SetResult();
        // More than the read-ahead takes before the relationships are in: the customer read is still going at the break.
        var partnerCenter = new ScriptedCustomers { Count = CustomerDirectory.MaxReadAhead + 1_000 };

        await foreach (var _ in new CustomerDirectory(graphGdap, partnerCenter).ListAsync())
        {
            break; // Select-Object -First 1
        }

        Assert.True(partnerCenter.Disposed);
        Assert.True(partnerCenter.CancelledWhenDisposed);
    }

    [Fact]
    public async Task One_tenant_reads_the_customer_and_its_relationships_at_once()
    {
        var graphGdap = new GatedGraphGdap { Relationships = { Relationship(TenantId) } };
        var partnerCenter = new ScriptedCustomers { CustomerGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var listing = new CustomerDirectory(graphGdap, partnerCenter).ListAsync(new PartnerCustomerQuery { TenantId = TenantId }).ToListAsync().AsTask();

        await graphGdap.Started.Task; // Asked for the relationships while the customer read is still waiting.
        Assert.False(listing.IsCompleted);
        partnerCenter.CustomerGate.SetResult();
        graphGdap.Release.SetResult();

        var customer = Assert.Single(await listing);
        Assert.Equal("Customer " + TenantId, customer.Name);
        Assert.Single(customer.GranularRelationships);
        Assert.Equal(TenantId, graphGdap.LastFilter?.CustomerTenantId);
    }

    [Fact]
    public async Task One_tenant_whose_customer_read_fails_stops_the_relationship_read()
    {
        var graphGdap = new GatedGraphGdap();
        var partnerCenter = new ScriptedCustomers { CustomerFailure = Forbidden("Reading the customer") };

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => new CustomerDirectory(graphGdap, partnerCenter).ListAsync(new PartnerCustomerQuery { TenantId = TenantId }).ToListAsync().AsTask());

        Assert.StartsWith("Reading the customer", ex.Message);
        Assert.True(graphGdap.Started.Task.IsCompleted);
        Assert.True(graphGdap.Cancelled.Task.IsCompleted);
    }

    /// <summary>Relationships wait for <see cref="Release"/>, then come (or fail) all at once.</summary>
    private sealed class GatedGraphGdap : UnsupportedGraphGdapClient
    {
        public List<DelegatedAdminRelationshipInfo> Relationships { get; } = new();

        /// <summary>Listed at once, before the wait for <see cref="Release"/> (the pages that arrived first).</summary>
        public List<DelegatedAdminRelationshipInfo> Ahead { get; } = new();
        public Exception? Failure { get; init; }
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public RelationshipFilter? LastFilter { get; private set; }

        public override async IAsyncEnumerable<DelegatedAdminRelationshipInfo> ListRelationshipsAsync(RelationshipFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            LastFilter = filter;
            // Not disposed with the iterator: the wait below ends it first, from an earlier callback of the same Cancel.
            cancellationToken.Register(() => Cancelled.TrySetResult());
            Started.TrySetResult();
            foreach (var r in Ahead) yield return r;
            await Release.Task.WaitAsync(cancellationToken);
            if (Failure is not null) throw Failure;
            foreach (var r in Relationships) yield return r;
        }
    }

    /// <summary>Customers t-0, t-1, … produced synchronously (as from an already fetched page); counts what was pulled.</summary>
    private sealed class ScriptedCustomers : UnsupportedPartnerCenterClient
    {
        private int _pulled;
        private readonly object _gate = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = new();

        public int Count { get; init; }
        public int? FailAt { get; init; }
        public Exception? CustomerFailure { get; init; }
        public TaskCompletionSource? CustomerGate { get; init; }
        public int Pulled => Volatile.Read(ref _pulled);

        /// <summary>Completes once this many customers have been read.</summary>
        public Task WhenPulled(int count)
        {
            lock (_gate)
            {
                if (_pulled >= count) return Task.CompletedTask;
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task;
            }
        }
        public bool Disposed { get; private set; }
        public bool CancelledWhenDisposed { get; private set; }

        public override async IAsyncEnumerable<PartnerCustomerInfo> ListCustomersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                await Task.CompletedTask;
                for (var i = 0; i < Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    lock (_gate)
                    {
                        _pulled++;
                        foreach (var waiter in _waiters.Where(w => w.Count <= _pulled)) waiter.Reached.TrySetResult();
                    }

                    if (i == FailAt) throw Forbidden("Listing customers");
                    yield return new PartnerCustomerInfo($"t-{i}", $"Customer {i}", null, "reseller", false);
                }
            }
            finally
            {
                Disposed = true;
                CancelledWhenDisposed = cancellationToken.IsCancellationRequested;
            }
        }

        public override async Task<PartnerCustomerInfo> GetCustomerAsync(string customerTenantId, CancellationToken cancellationToken = default)
        {
            if (CustomerGate is not null) await CustomerGate.Task.WaitAsync(cancellationToken);
            if (CustomerFailure is not null) throw CustomerFailure;
            return new PartnerCustomerInfo(customerTenantId, "Customer " + customerTenantId, null, "reseller", false);
        }
    }
}
