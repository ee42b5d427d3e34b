using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Adoption;

/// <summary>
/// Turns what the service shows into the record adoption writes: the same id on every worker (derived from the
/// relationship id or tenant), and a history at the service's own times, built by the same transition rules sync uses,
/// so the next sync finds nothing to correct.
/// </summary>
public static class AdoptedRecords
{
    public const string AdoptedDetail = "adopted: found at the service, made outside PartnerRelationships";

    /// <summary>A name-based id (RFC 4122 version 5 layout over SHA-256): stable for a kind and key, whatever the case.</summary>
    public static Guid IdFor(InviteKind kind, string key)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes("PartnerRelationships/adopted/" + kind + "/" + key.Trim().ToLowerInvariant()));
        var guid = new byte[16];
        Array.Copy(bytes, guid, 16);
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid);
    }

    public static AdoptionCandidate ForGranular(DelegatedAdminRelationshipInfo relationship, DateTimeOffset now)
    {
        if (relationship is null)
        {
            throw new ArgumentNullException(nameof(relationship));
        }

        var created = Earliest(relationship.CreatedDateTime ?? relationship.ActivatedDateTime ?? now, now);
        var invite = new ResellerInvite
        {
            Id = IdFor(InviteKind.GranularAdmin, relationship.Id),
            Kind = InviteKind.GranularAdmin,
            CustomerName = string.IsNullOrWhiteSpace(relationship.CustomerName) ? relationship.CustomerTenantId ?? "" : relationship.CustomerName!,
            CustomerTenantId = relationship.CustomerTenantId,
            Status = InviteStatus.Pending,
            CreatedAt = created,
            StatusChangedAt = created,
            Link = relationship.ApprovalLink.ToString(),
            RelationshipId = relationship.Id,
            RelationshipDisplayName = relationship.DisplayName,
            Version = 1,
            Origin = InviteOrigin.Adopted,
        };
        var history = new List<InviteHistoryEntry>
        {
            Entry(invite.Id, null, InviteStatus.Pending, created,
                $"{AdoptedDetail} (created {Time(created)}, {GraphModelMapper.WireName(relationship.Status)} when adopted)"),
        };

        // Each step the service's state implies (approved, then ended), as sync would record them.
        for (var step = 0; step < 4 && InviteTransitionRules.ForGranular(invite, relationship, relationshipGone: false, now) is { } next; step++)
        {
            history.Add(Entry(invite.Id, invite.Status, next.To, next.At, next.Detail));
            invite = invite with
            {
                Status = next.To,
                StatusChangedAt = next.At,
                CustomerTenantId = invite.CustomerTenantId ?? next.CustomerTenantId,
                Version = invite.Version + 1,
            };
        }

        return new AdoptionCandidate
        {
            Record = new AdoptedRecord(invite, history),
            ServiceStatus = GraphModelMapper.WireName(relationship.Status),
            ActivatedAt = relationship.ActivatedDateTime,
            EndsAt = relationship.EndDateTime,
        };
    }

    /// <summary>
    /// A reseller customer: Partner Center gives no date for the reseller relationship (the customer resource has
    /// none), so it is recorded as accepted at the adoption time, and the history says so.
    /// </summary>
    public static AdoptionCandidate ForReseller(PartnerCustomerInfo customer, DateTimeOffset now)
    {
        if (customer is null)
        {
            throw new ArgumentNullException(nameof(customer));
        }

        var id = IdFor(InviteKind.Reseller, customer.TenantId);
        var history = new List<InviteHistoryEntry>
        {
            Entry(id, null, InviteStatus.Accepted, now,
                $"{AdoptedDetail}: reseller customer in Partner Center (it gives no date for the relationship; this is the adoption time)"),
        };
        var status = InviteStatus.Accepted;
        if (AllowsNoDelegatedAccess(customer))
        {
            history.Add(Entry(id, InviteStatus.Accepted, InviteStatus.AdminRemoved, now, "customer removed the partner's admin rights (allowDelegatedAccess false)"));
            status = InviteStatus.AdminRemoved;
        }

        var invite = new ResellerInvite
        {
            Id = id,
            Kind = InviteKind.Reseller,
            CustomerName = customer.CompanyName,
            CustomerTenantId = customer.TenantId,
            Status = status,
            CreatedAt = now,
            StatusChangedAt = now,
            Version = history.Count,
            Origin = InviteOrigin.Adopted,
        };
        return new AdoptionCandidate { Record = new AdoptedRecord(invite, history), ServiceStatus = customer.RelationshipToPartner };
    }

    // Written against the flag's value so it keeps compiling whether the client reports it as bool or bool? (unknown).
    private static bool AllowsNoDelegatedAccess(PartnerCustomerInfo customer) => Equals(customer.AllowDelegatedAccess, false);

    private static InviteHistoryEntry Entry(Guid inviteId, InviteStatus? from, InviteStatus to, DateTimeOffset at, string detail) => new()
    {
        InviteId = inviteId,
        FromStatus = from,
        ToStatus = to,
        At = at,
        Detail = detail,
    };

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
