using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Granular relationships by customer tenant, held while the whole list loads (a customer can only be shown once every
/// relationship is in) and made into <see cref="GranularRelationshipSummary"/> objects when the customer is taken.
/// They are held as rows of values (texts in a <see cref="TextArena"/>, roles as a shared <see cref="RoleSet"/>), not
/// as objects: at 90,000 relationships, half a million objects held across the garbage collections of the listing
/// cost a third of its time in pauses. Customers are taken in any order; those never taken (known only through
/// Graph) are listed in the order first seen. Not thread-safe.
/// </summary>
internal sealed class RelationshipsByCustomer
{
    // Blocks of 1,024 rows (56 and 48 bytes each: 56 and 48 KB): below the large-object heap's 85,000 bytes.
    private const int BlockShift = 10;

    private readonly TextArena _text = new();
    private readonly RoleSetPool _roleSets = new();
    private readonly ChunkedList<RelationshipRow> _relationships = new(BlockShift);
    private readonly ChunkedList<CustomerEntry> _customers = new(BlockShift);

    // Tenant ids in GUID form ("D", any case) by value: a dictionary of values, nothing to trace. Any other form by its
    // text, without regard to case, as the ids are compared everywhere else.
    private readonly Dictionary<Guid, int> _byGuid = new();
    private Dictionary<string, int>? _byOtherId;

    /// <summary>How many relationships are held.</summary>
    public int Count => _relationships.Count;

    /// <summary>How many customers the relationships name.</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>
    /// Adds a relationship under its customer; one with no customer (not yet approved by anyone) is skipped. Returns
    /// whether it was added.
    /// </summary>
    public bool Add(DelegatedAdminRelationshipInfo relationship)
    {
        if (relationship is null) throw new ArgumentNullException(nameof(relationship));
        var tenantId = relationship.CustomerTenantId;
        if (string.IsNullOrWhiteSpace(tenantId)) return false;

        var isGuid = Guid.TryParseExact(tenantId, "D", out var guid);
        var customer = Find(tenantId!, isGuid, guid);
        if (customer < 0)
        {
            customer = _customers.Add(new CustomerEntry { TenantId = _text.Add(tenantId), CustomerName = TextRef.Null, First = -1, Last = -1 });
            if (isGuid) _byGuid.Add(guid, customer);
            else (_byOtherId ??= new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)).Add(tenantId!, customer);
        }

        var end = relationship.EndDateTime;
        var row = _relationships.Add(new RelationshipRow
        {
            Id = _text.Add(relationship.Id),
            DisplayName = _text.Add(relationship.DisplayName),
            Roles = _roleSets.Share(relationship.Roles),
            Status = checked((byte)relationship.Status),
            HasEnd = end.HasValue,
            EndTicks = end?.Ticks ?? 0,
            EndOffsetMinutes = (short)(end?.Offset.TotalMinutes ?? 0),
            AutoExtend = relationship.AutoExtendDuration > TimeSpan.Zero,
            Next = -1,
        });

        ref var entry = ref _customers[customer];
        if (entry.First < 0) entry.First = row;
        else _relationships[entry.Last].Next = row;
        entry.Last = row;
        entry.Count++;
        if (IsEnded(relationship.Status)) entry.Ended++;
        if (entry.CustomerName.IsNull && !string.IsNullOrWhiteSpace(relationship.CustomerName)) entry.CustomerName = _text.Add(relationship.CustomerName);
        return true;
    }

    /// <summary>The customer's index, taken out of <see cref="NotTaken"/>; -1 when no relationship names the tenant.</summary>
    public int Take(string tenantId)
    {
        var customer = Find(tenantId, Guid.TryParseExact(tenantId, "D", out var guid), guid);
        if (customer >= 0) _customers[customer].Taken = true;
        return customer;
    }

    /// <summary>The customers not taken, in the order their first relationship came.</summary>
    public IEnumerable<int> NotTaken()
    {
        for (var customer = 0; customer < _customers.Count; customer++)
        {
            if (!_customers[customer].Taken) yield return customer;
        }
    }

    /// <summary>The tenant id as the first relationship of the customer gave it.</summary>
    public string TenantIdOf(int customer) => _text.Get(_customers[customer].TenantId) ?? "";

    /// <summary>The first non-blank customer name the relationships carry (a Graph-only customer's name).</summary>
    public string? CustomerNameOf(int customer) => _text.Get(_customers[customer].CustomerName);

    /// <summary>The customer's relationships in the order listed: all of them, and those not expired or terminated.</summary>
    public (ExportableList<GranularRelationshipSummary> All, ExportableList<GranularRelationshipSummary> NotEnded) Summaries(int customer)
    {
        var entry = _customers[customer];
        var all = new GranularRelationshipSummary[entry.Count];
        var shown = entry.Ended == 0 ? null : new GranularRelationshipSummary[entry.Count - entry.Ended];
        var next = 0;
        var nextShown = 0;
        for (var row = entry.First; row >= 0; row = _relationships[row].Next)
        {
            var summary = ToSummary(_relationships[row]);
            all[next++] = summary;
            if (shown is not null && !IsEnded(summary.Status)) shown[nextShown++] = summary;
        }

        var allList = ExportableList<GranularRelationshipSummary>.Owning(all);
        return (allList, shown is null ? allList : ExportableList<GranularRelationshipSummary>.Owning(shown));
    }

    private GranularRelationshipSummary ToSummary(in RelationshipRow row) => new()
    {
        Id = _text.Get(row.Id) ?? "",
        DisplayName = _text.Get(row.DisplayName) ?? "",
        Status = (RelationshipStatus)row.Status,
        Roles = row.Roles.Names,
        RoleIds = row.Roles.Ids,
        EndDateTime = row.HasEnd ? new DateTimeOffset(row.EndTicks, TimeSpan.FromMinutes(row.EndOffsetMinutes)) : null,
        AutoExtend = row.AutoExtend,
    };

    /// <param name="isGuid">Whether <paramref name="tenantId"/> is in GUID form ("D"), then <paramref name="guid"/>.</param>
    private int Find(string tenantId, bool isGuid, Guid guid)
    {
        if (isGuid) return _byGuid.TryGetValue(guid, out var byGuid) ? byGuid : -1;
        return _byOtherId is not null && _byOtherId.TryGetValue(tenantId, out var byText) ? byText : -1;
    }

    private static bool IsEnded(RelationshipStatus status) => status is RelationshipStatus.Expired or RelationshipStatus.Terminated;

    private struct CustomerEntry
    {
        public TextRef TenantId;
        public TextRef CustomerName;
        public int First;
        public int Last;
        public int Count;
        public int Ended;
        public bool Taken;
    }

    private struct RelationshipRow
    {
        public TextRef Id;
        public TextRef DisplayName;
        public RoleSet Roles;
        public long EndTicks;
        public short EndOffsetMinutes;
        public bool HasEnd;
        public byte Status;
        public bool AutoExtend;
        public int Next;
    }
}
