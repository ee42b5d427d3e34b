using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Text;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// For runbooks that invite and carry on once the customer accepts: syncs one invite, waits with backoff on the
/// injected clock, and returns the invite once Accepted (its template applied by that sync). An invite that ends
/// otherwise (rejected, expired, cancelled) fails with InviteWaitEnded; running out of time with InviteWaitTimeout.
/// </summary>
public sealed class InviteWaiter
{
    public const string Activity = "Waiting for the customer to accept";

    private readonly InviteSyncService _sync;
    private readonly IRelationshipStore _store;
    private readonly TimeProvider _clock;

    public InviteWaiter(InviteSyncService sync, IRelationshipStore store, TimeProvider clock)
    {
        _sync = sync ?? throw new ArgumentNullException(nameof(sync));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public async Task<ResellerInvite> WaitAsync(Guid inviteId, TimeSpan timeout, InviteWaitOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new InviteWaitOptions();
        if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must not be negative.");
        if (options.PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "The poll interval must be positive.");

        var deadline = _clock.GetUtcNow() + timeout;
        var interval = options.PollInterval;
        var syncOptions = Copy(options.Sync, inviteId);
        for (var check = 1; ; check++)
        {
            await foreach (var _ in _sync.SyncAsync(syncOptions, null, cancellationToken).ConfigureAwait(false))
            {
                // The transitions are in the store; the invite is read back below.
            }

            var invite = await _store.GetInviteAsync(inviteId, cancellationToken).ConfigureAwait(false)
                         ?? throw new PartnerRelationshipsException(ErrorIds.Workflow.InviteNotFound, ErrorKind.ObjectNotFound,
                             $"There is no invite {inviteId} in the store. Check the id ({CommandNames.GetResellerInvite} lists them).", inviteId);
            switch (invite.Status)
            {
                case InviteStatus.Accepted:
                    return invite;
                case InviteStatus.Rejected or InviteStatus.Expired or InviteStatus.Cancelled or InviteStatus.Terminated or InviteStatus.AdminRemoved:
                    throw new PartnerRelationshipsException(ErrorIds.Template.InviteWaitEnded, ErrorKind.InvalidOperation,
                        $"The invite to {invite.CustomerName} is {invite.Status}, so it will not be accepted. " +
                        $"{CommandNames.GetResellerInvite} -{ParameterNames.Id} shows its history; invite the customer again if needed.", inviteId);
            }

            var now = _clock.GetUtcNow();
            if (now >= deadline)
            {
                throw new PartnerRelationshipsException(ErrorIds.Template.InviteWaitTimeout, ErrorKind.OperationTimeout,
                    $"The invite to {invite.CustomerName} was still {invite.Status} after {Describe(timeout)} ({check} checks). " +
                    $"Wait again with a longer -{ParameterNames.Timeout}, or remind the customer (the invite's link is in its draft).", inviteId);
            }

            var wait = interval < deadline - now ? interval : deadline - now;
            progress?.Report(new WorkProgress(Activity, $"{invite.CustomerName}: still {invite.Status}; checking again in {Describe(wait)}", check, null));
            await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            var next = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * Math.Max(1, options.BackoffFactor), options.MaxPollInterval.Ticks));
            interval = next < options.PollInterval ? options.PollInterval : next;
        }
    }

    private static InviteSyncOptions Copy(InviteSyncOptions? given, Guid inviteId) => new()
    {
        InviteIds = new[] { inviteId },
        Templates = given?.Templates,
        SkipTemplate = given?.SkipTemplate ?? false,
        UseGraphContracts = given?.UseGraphContracts ?? true,
        MaxConcurrency = 1,
    };

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0.#} s";
}
