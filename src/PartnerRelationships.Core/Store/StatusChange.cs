using System;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Store;

/// <summary>A compare-and-set request: move an invite from <see cref="ExpectedStatus"/> to <see cref="NewStatus"/>.</summary>
public sealed record StatusChange(
    Guid InviteId,
    InviteStatus ExpectedStatus,
    InviteStatus NewStatus,
    DateTimeOffset At,
    string? Detail = null,
    string? CustomerTenantId = null);
