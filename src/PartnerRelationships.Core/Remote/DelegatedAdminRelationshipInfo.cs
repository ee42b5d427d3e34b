using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Remote;

/// <summary>A granular delegated admin relationship, in our own terms (no Graph types).</summary>
public sealed record DelegatedAdminRelationshipInfo
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public string? CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }
    public RelationshipStatus Status { get; init; }

    /// <summary>The status as the service wrote it; tells what an <see cref="RelationshipStatus.Unknown"/> status was.</summary>
    public string? ServiceStatus { get; init; }

    /// <summary>
    /// A resellerDelegatedAdminRelationship: an indirect provider's relationship for an indirect reseller that the
    /// partner's list also shows. It is not the partner's own admin access; workflows leave it out.
    /// </summary>
    public bool IsResellerRelationship { get; init; }

    /// <summary>The indirect provider that created a reseller relationship.</summary>
    public string? IndirectProviderTenantId { get; init; }

    /// <summary>Reseller relationships: true while the indirect reseller has yet to review it.</summary>
    public bool? IsPartnerConsentPending { get; init; }

    /// <summary>A long-running change the service accepted (202) and had not finished when last checked; null when none.</summary>
    public RemoteOperationInfo? PendingOperation { get; init; }

    /// <summary>Built-in Entra role definition ids.</summary>
    public IReadOnlyList<string> Roles { get => _roles; init => _roles = ExportableList<string>.Of(value); }

    private readonly IReadOnlyList<string> _roles = ExportableList<string>.Empty;

    public TimeSpan Duration { get; init; }
    public TimeSpan AutoExtendDuration { get; init; }
    public DateTimeOffset? CreatedDateTime { get; init; }
    public DateTimeOffset? LastModifiedDateTime { get; init; }
    public DateTimeOffset? ActivatedDateTime { get; init; }
    public DateTimeOffset? EndDateTime { get; init; }

    /// <summary>Needed for updates (If-Match); null when the service sent none.</summary>
    public string? ETag { get; init; }

    /// <summary>The link the customer's admin opens to approve the relationship.</summary>
    public Uri ApprovalLink => new("https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/" + Uri.EscapeDataString(Id));
}
