using System;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Workflow;

/// <summary>How <see cref="InviteWaiter"/> polls: first interval, growth and cap, and what each sync passes on.</summary>
public sealed class InviteWaitOptions
{
    /// <summary>The wait before the second check; doubles after each check up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(10);

    public double BackoffFactor { get; set; } = 2;

    /// <summary>Templates to apply when the sync sees the acceptance, and -SkipTemplate (InviteIds is set by the waiter).</summary>
    public InviteSyncOptions? Sync { get; set; }
}
