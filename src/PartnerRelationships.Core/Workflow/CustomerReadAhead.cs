using System;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// The customers read ahead while the relationship list loads, first in first out, held as rows of values (texts in a
/// <see cref="TextArena"/>) rather than objects: up to 90,000 of them wait there at 100,000 customers, and objects
/// held that long are what the garbage collector pauses the listing to promote. Each customer is made again when it
/// leaves. Everything is let go whenever the queue runs empty. Not thread-safe.
/// </summary>
internal sealed class CustomerReadAhead
{
    // 1,024 rows of 56 bytes: 56 KB, below the large-object heap's 85,000 bytes.
    private const int BlockShift = 10;

    private readonly TextArena _text = new();
    private readonly ChunkedList<Row> _rows = new(BlockShift);
    private int _head;

    public int Count => _rows.Count - _head;

    public void Enqueue(PartnerCustomerInfo customer)
    {
        if (customer is null) throw new ArgumentNullException(nameof(customer));
        _rows.Add(new Row
        {
            TenantId = _text.Add(customer.TenantId),
            CompanyName = _text.Add(customer.CompanyName),
            Domain = _text.Add(customer.Domain),
            // The page reader shares one string per documented value: a reference, not a text of its own.
            RelationshipToPartner = customer.RelationshipToPartner,
            AllowDelegatedAccess = customer.AllowDelegatedAccess,
        });
    }

    public PartnerCustomerInfo Dequeue()
    {
        if (Count == 0) throw new InvalidOperationException("No customer is waiting.");
        var row = _rows[_head++];
        var customer = new PartnerCustomerInfo(_text.Get(row.TenantId) ?? "", _text.Get(row.CompanyName) ?? "", _text.Get(row.Domain), row.RelationshipToPartner, row.AllowDelegatedAccess);
        if (Count == 0)
        {
            _rows.Clear();
            _text.Clear();
            _head = 0;
        }

        return customer;
    }

    private struct Row
    {
        public TextRef TenantId;
        public TextRef CompanyName;
        public TextRef Domain;
        public string RelationshipToPartner;
        public bool? AllowDelegatedAccess;
    }
}
