using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Workflow;

/// <summary>Which invites a sync looks at, and how hard it may push the services.</summary>
public sealed class InviteSyncOptions
{
    /// <summary>Only invites of this kind; null for both.</summary>
    public InviteKind? Kind { get; set; }

    /// <summary>Only these invites; null or empty for all open ones.</summary>
    public IReadOnlyCollection<Guid>? InviteIds { get; set; }

    /// <summary>PowerShell-style wildcard on the customer name.</summary>
    public string? CustomerNamePattern { get; set; }

    /// <summary>How many invites are reconciled at once (per-invite look-ups and store writes).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// How many invites' changes are written in one store transaction. One durable write per batch instead of one per
    /// change is what makes a large sync fast; a crash loses at most the uncommitted batch, which the next sync redoes.
    /// </summary>
    public int StoreBatchSize { get; set; } = 100;

    /// <summary>Also read Graph /contracts for reseller customers (works with app-only sign-in, gives the default domain).</summary>
    public bool UseGraphContracts { get; set; } = true;

    /// <summary>
    /// The configuration's access templates (AccessTemplates.All(config)). When a granular invite that names a template
    /// is seen accepted, the sync creates that template's access assignments and notes each one's state in the history.
    /// Null: templates are not applied.
    /// </summary>
    public IReadOnlyList<Templates.AccessTemplate>? Templates { get; set; }

    /// <summary>
    /// When set, an invite whose own look-up at a service fails is added here and the sync goes on with the others
    /// (a runbook syncing hundreds of invites should not stop at one). When null, that error stops the sync.
    /// </summary>
    public ConcurrentQueue<InviteSyncFailure>? Failures { get; set; }

    /// <summary>Record acceptances without applying templates (-SkipTemplate).</summary>
    public bool SkipTemplate { get; set; }
}
