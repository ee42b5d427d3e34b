using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Workflow;

/// <summary>One status change a sync recorded: which invite, from what to what, when it happened, and why.</summary>
public sealed record InviteTransition
{
    public required Guid InviteId { get; init; }
    public required InviteKind Kind { get; init; }
    public required string CustomerName { get; init; }
    public string? CustomerTenantId { get; init; }
    public string? RelationshipId { get; init; }
    public required InviteStatus From { get; init; }
    public required InviteStatus To { get; init; }

    /// <summary>When it happened: the service's own time when it gives one (activation, end), else when the sync saw it.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The evidence, also written to the history (e.g. "relationship status active").</summary>
    public string? Detail { get; init; }

    /// <summary>For an acceptance that applied the invite's access template: each group's assignment state.</summary>
    public IReadOnlyList<Templates.TemplateAssignmentOutcome>? TemplateAssignments
    {
        get => _templateAssignments;
        init => _templateAssignments = value is null ? null : ExportableList<Templates.TemplateAssignmentOutcome>.Of(value);
    }

    private readonly IReadOnlyList<Templates.TemplateAssignmentOutcome>? _templateAssignments;

    /// <summary>The transition the store just applied to <paramref name="before"/>, giving <paramref name="after"/>.</summary>
    public static InviteTransition Recorded(ResellerInvite before, ResellerInvite after, DateTimeOffset at, string? detail) => new()
    {
        InviteId = before.Id,
        Kind = before.Kind,
        CustomerName = before.CustomerName,
        CustomerTenantId = after.CustomerTenantId,
        RelationshipId = after.RelationshipId,
        From = before.Status,
        To = after.Status,
        At = at,
        Detail = detail,
    };
}
