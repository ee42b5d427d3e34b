using System.Runtime.CompilerServices;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Invites;

/// <summary>A store fake for the invite tests: keeps everything in memory and can be told to fail on add.</summary>
internal sealed class InMemoryRelationshipStore : IRelationshipStore
{
    private readonly object _gate = new();
    private readonly List<ResellerInvite> _invites = new();
    private readonly List<InviteHistoryEntry> _history = new();

    /// <summary>When set, <see cref="AddInviteAsync"/> throws this instead of recording.</summary>
    public Exception? FailOnAdd { get; set; }

    /// <summary>Runs inside <see cref="AddInviteAsync"/> before recording, e.g. to look at the file system mid-way.</summary>
    public Action<ResellerInvite>? OnAdd { get; set; }

    public IReadOnlyList<ResellerInvite> Invites
    {
        get { lock (_gate) { return _invites.ToList(); } }
    }

    public Task<ResellerInvite> AddInviteAsync(ResellerInvite invite, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OnAdd?.Invoke(invite);
        if (FailOnAdd is not null)
        {
            throw FailOnAdd;
        }

        lock (_gate)
        {
            var stored = invite with { Version = 1 };
            _invites.Add(stored);
            _history.Add(new InviteHistoryEntry
            {
                Sequence = _history.Count + 1,
                InviteId = stored.Id,
                ToStatus = stored.Status,
                At = stored.CreatedAt,
            });
            return Task.FromResult(stored);
        }
    }

    public Task<ResellerInvite?> GetInviteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_invites.FirstOrDefault(i => i.Id == id));
        }
    }

    public async IAsyncEnumerable<ResellerInvite> QueryInvitesAsync(InviteQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ResellerInvite> snapshot;
        lock (_gate)
        {
            snapshot = _invites
                .Where(i => query.Id is null || i.Id == query.Id)
                .Where(i => query.Statuses is null || query.Statuses.Contains(i.Status))
                .Where(i => query.Kind is null || i.Kind == query.Kind)
                .Where(i => query.CustomerEmail is null || string.Equals(i.CustomerEmail, query.CustomerEmail.Trim(), StringComparison.OrdinalIgnoreCase))
                .Where(i => query.CreatedBefore is null || i.CreatedAt < query.CreatedBefore)
                .Where(i => query.StatusChangedBefore is null || i.StatusChangedAt < query.StatusChangedBefore)
                .OrderBy(i => i.CreatedAt)
                .ToList();
        }

        foreach (var invite in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return invite;
            await Task.Yield();
        }
    }

    public async Task<IReadOnlyList<ResellerInvite?>> TryChangeStatusesAsync(IReadOnlyList<StatusChange> changes, CancellationToken cancellationToken = default)
    {
        StatusChanges.Require(changes);
        BatchCount++;
        var results = new List<ResellerInvite?>();
        foreach (var change in changes)
        {
            results.Add(await TryChangeStatusAsync(change, cancellationToken));
        }

        return results;
    }

    /// <summary>How many batches of changes were written (each a single transaction in a real store).</summary>
    public int BatchCount { get; private set; }

    public Task<ResellerInvite?> TryChangeStatusAsync(StatusChange change, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _invites.FindIndex(i => i.Id == change.InviteId);
            if (index < 0 || _invites[index].Status != change.ExpectedStatus)
            {
                return Task.FromResult<ResellerInvite?>(null);
            }

            var current = _invites[index];
            var updated = current with
            {
                Status = change.NewStatus,
                StatusChangedAt = change.At,
                CustomerTenantId = change.CustomerTenantId ?? current.CustomerTenantId,
                Version = current.Version + 1,
            };
            _invites[index] = updated;
            _history.Add(new InviteHistoryEntry
            {
                Sequence = _history.Count + 1,
                InviteId = updated.Id,
                FromStatus = change.ExpectedStatus,
                ToStatus = change.NewStatus,
                At = change.At,
                Detail = change.Detail,
            });
            return Task.FromResult<ResellerInvite?>(updated);
        }
    }

    public Task<ResellerInvite?> SetRelationshipAsync(Guid inviteId, string relationshipId, string displayName, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _invites.FindIndex(i => i.Id == inviteId);
            if (index < 0)
            {
                return Task.FromResult<ResellerInvite?>(null);
            }

            var updated = _invites[index] with
            {
                RelationshipId = relationshipId,
                RelationshipDisplayName = displayName,
                Version = _invites[index].Version + 1,
            };
            _invites[index] = updated;
            return Task.FromResult<ResellerInvite?>(updated);
        }
    }

    public Task<IReadOnlyList<InviteHistoryEntry>> GetHistoryAsync(Guid inviteId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<InviteHistoryEntry>>(_history.Where(h => h.InviteId == inviteId).ToList());
        }
    }

    public void Dispose()
    {
    }
}
