using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Workflow;

/// <summary>One of the partner's customers with its relationships; what Get-PartnerCustomer outputs.</summary>
public sealed record PartnerCustomer
{
    public required string TenantId { get; init; }
    public required string Name { get; init; }
    public string? Domain { get; init; }

    /// <summary>True while Partner Center lists the partner as the customer's reseller.</summary>
    public bool IsReseller { get; init; }

    /// <summary>Partner Center relationshipToPartner ("reseller", "advisor", "none"); null when Partner Center does not know the customer.</summary>
    public string? RelationshipToPartner { get; init; }

    /// <summary>Partner Center allowDelegatedAccess: the reseller relationship's (DAP-era) admin rights; null when the service did not say.</summary>
    public bool? AllowDelegatedAccess { get; init; }

    public IReadOnlyList<GranularRelationshipSummary> GranularRelationships { get; init; } = Array.Empty<GranularRelationshipSummary>();

    public AdminPermissionState AdminPermission { get; init; }

    public int ActiveGranularRelationshipCount => GranularRelationships.Count(r => r.IsActive);

    /// <summary>The earliest end date among active granular relationships (what a table shows as "ends").</summary>
    public DateTimeOffset? NextGranularEnd => GranularRelationships.Where(r => r.IsActive && r.EndDateTime is not null).Select(r => r.EndDateTime).Min();

    /// <summary>
    /// The granular relationships in a few characters, for a table: "2 active" when any is active, else the most
    /// telling other state ("pending" while awaiting approval, "ended" when all ended), "-" when there are none.
    /// </summary>
    public string GranularStatusSummary
    {
        get
        {
            if (GranularRelationships.Count == 0) return "-";
            var active = ActiveGranularRelationshipCount;
            if (active > 0) return $"{active} active";
            if (GranularRelationships.Any(r => r.Status is Remote.RelationshipStatus.ApprovalPending or Remote.RelationshipStatus.Created
                or Remote.RelationshipStatus.Approved or Remote.RelationshipStatus.Activating)) return "pending";
            if (GranularRelationships.Any(r => r.Status is Remote.RelationshipStatus.TerminationRequested or Remote.RelationshipStatus.Terminating)) return "ending";
            return GranularRelationships.All(r => r.Status is Remote.RelationshipStatus.Expired or Remote.RelationshipStatus.Terminated)
                ? "ended"
                : GranularRelationships[0].Status.ToString().ToLowerInvariant();
        }
    }

    /// <param name="hadResellerRelationship">Partner Center knows the customer (reseller now, or "none" after removal).</param>
    /// <param name="granular">All the customer's granular relationships, ended ones included.</param>
    internal static AdminPermissionState StateOf(bool isReseller, bool? allowDelegatedAccess, bool hadResellerRelationship, IReadOnlyList<GranularRelationshipSummary> granular)
    {
        if ((isReseller && allowDelegatedAccess == true) || granular.Any(r => r.IsActive)) return AdminPermissionState.Active;

        // Absent allowDelegatedAccess (get-a-list-of-customers' own example omits it) is unknown, not removed.
        if (isReseller && allowDelegatedAccess is null) return AdminPermissionState.Unknown;
        var hadGranular = granular.Any(r => r.Status is Remote.RelationshipStatus.Terminated or Remote.RelationshipStatus.Expired or Remote.RelationshipStatus.Terminating or Remote.RelationshipStatus.TerminationRequested);
        return hadResellerRelationship || hadGranular ? AdminPermissionState.Removed : AdminPermissionState.None;
    }
}
