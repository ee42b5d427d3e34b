using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

public sealed class CustomerReadAheadTests
{
    [Fact]
    public void Customers_leave_in_the_order_they_came_with_every_value()
    {
        var queue = new CustomerReadAhead();
        var customers = new[]
        {
            new PartnerCustomerInfo("4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "Contoso Ltd", "contoso.example", "reseller", true),
            new PartnerCustomerInfo("5c3f3c4b-2d3e-4f60-9bac-1d2e3f4a5b6c", "Fabrikam Inc", null, "advisor", false),
            new PartnerCustomerInfo("not-a-guid", "", "litware.example", "something new", null),
        };
        foreach (var customer in customers) queue.Enqueue(customer);

        Assert.Equal(3, queue.Count);
        Assert.Equal(customers, new[] { queue.Dequeue(), queue.Dequeue(), queue.Dequeue() }); // records: equal by value
        Assert.Equal(0, queue.Count);
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
    }

    [Fact]
    public void A_queue_that_ran_empty_fills_again_and_many_customers_span_blocks()
    {
        var queue = new CustomerReadAhead();
        queue.Enqueue(new PartnerCustomerInfo("t0", "First", null, "none", null));
        queue.Dequeue();

        var customers = Enumerable.Range(0, 5_000).Select(i => new PartnerCustomerInfo($"tenant-{i}", $"Customer {i}", $"c{i}.example", "reseller", i % 2 == 0)).ToList();
        var back = new List<PartnerCustomerInfo>();
        foreach (var customer in customers)
        {
            queue.Enqueue(customer);
            if (queue.Count > 3_000) back.Add(queue.Dequeue()); // a read-ahead at its bound: in and out at once
        }

        while (queue.Count > 0) back.Add(queue.Dequeue());

        Assert.Equal(customers, back);
    }
}
