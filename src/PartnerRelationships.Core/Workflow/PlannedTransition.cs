using System;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Workflow;

/// <summary>The next status an invite should move to, with the evidence; applied by compare-and-set.</summary>
public sealed record PlannedTransition(InviteStatus To, DateTimeOffset At, string Detail, string? CustomerTenantId = null);
