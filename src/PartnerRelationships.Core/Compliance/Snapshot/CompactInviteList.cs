using System;
using System.Collections;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>
/// The store's invites for one run, held as rows of values in blocks rather than one object each; an
/// <see cref="InviteSummary"/> is made when a row is read. A large partner's store holds two records per customer
/// (every relationship and reseller customer adopted), and a row takes about 65 % of an object and its list slot.
/// Not thread-safe.
/// </summary>
internal sealed class CompactInviteList : IReadOnlyList<InviteSummary>
{
    // 1,024 rows of 72 bytes: 73,728 bytes, below the large-object heap's 85,000.
    private readonly ChunkedList<Row> _rows = new(blockShift: 10);

    public int Count => _rows.Count;

    public void Add(InviteSummary invite) =>
        Add(invite ?? throw new ArgumentNullException(nameof(invite)), invite.CustomerName, invite.CustomerTenantId, invite.RelationshipId, invite.RelationshipDisplayName);

    /// <summary>Adds the invite with these strings in place of its own (the same values, shared with the rest of the run).</summary>
    public void Add(InviteSummary invite, string customerName, string? customerTenantId, string? relationshipId, string? relationshipDisplayName)
    {
        _rows.Add(new Row
        {
            Id = invite.Id,
            Kind = checked((byte)invite.Kind),
            Status = checked((byte)invite.Status),
            CreatedTicks = invite.CreatedAt.Ticks,
            CreatedOffsetMinutes = (short)invite.CreatedAt.Offset.TotalMinutes,
            StatusChangedTicks = invite.StatusChangedAt.Ticks,
            StatusChangedOffsetMinutes = (short)invite.StatusChangedAt.Offset.TotalMinutes,
            CustomerName = customerName,
            CustomerTenantId = customerTenantId,
            RelationshipId = relationshipId,
            RelationshipDisplayName = relationshipDisplayName,
        });
    }

    public InviteSummary this[int index] => _rows[index].ToSummary();

    /// <summary>Lets go of the unused part of the last block.</summary>
    public void TrimExcess() => _rows.TrimExcess();

    public IEnumerator<InviteSummary> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _rows[i].ToSummary();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private struct Row
    {
        public Guid Id;
        public long CreatedTicks;
        public long StatusChangedTicks;
        public short CreatedOffsetMinutes;
        public short StatusChangedOffsetMinutes;

        // The enums' values, a byte each (both have a handful of members).
        public byte Kind;
        public byte Status;
        public string CustomerName;
        public string? CustomerTenantId;
        public string? RelationshipId;
        public string? RelationshipDisplayName;

        public InviteSummary ToSummary() => new()
        {
            Id = Id,
            Kind = (InviteKind)Kind,
            Status = (InviteStatus)Status,
            CreatedAt = new DateTimeOffset(CreatedTicks, TimeSpan.FromMinutes(CreatedOffsetMinutes)),
            StatusChangedAt = new DateTimeOffset(StatusChangedTicks, TimeSpan.FromMinutes(StatusChangedOffsetMinutes)),
            CustomerName = CustomerName,
            CustomerTenantId = CustomerTenantId,
            RelationshipId = RelationshipId,
            RelationshipDisplayName = RelationshipDisplayName,
        };
    }
}
