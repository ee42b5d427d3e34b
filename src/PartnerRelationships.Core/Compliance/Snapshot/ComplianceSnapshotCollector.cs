using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>
/// Gathers a <see cref="ComplianceSnapshot"/> once per run. The store, the relationships and the Partner Center
/// customers are read at the same time. Relationships stream page by page (read ahead a bounded amount); the access
/// assignments of each active one are fetched as it arrives, at most <see cref="MaxConcurrency"/> at a time (the
/// listing waits when that many are in flight, so memory and request rate stay bounded). Only small records are kept.
/// </summary>
public sealed class ComplianceSnapshotCollector
{
    public const int DefaultMaxConcurrency = 8;

    // Progress at every item would flood a PowerShell host; every so many items (and at each phase's end) is plenty.
    private const int ProgressEvery = 50;

    // About three pages of the Graph listing ($top=300) waiting for their access-assignment fetches.
    private const int RelationshipReadAhead = 1_000;

    private readonly IRelationshipStore _store;
    private readonly IGraphGdapClient _graphGdap;
    private readonly IPartnerCenterClient _partnerCenter;
    private readonly TimeProvider _clock;

    // Thousands of relationships share a few dozen role ids, and most share one of a few role sets (the partner's
    // templates): one list per distinct set keeps memory flat.
    private readonly RoleSetPool _roleSets = new();

    public ComplianceSnapshotCollector(
        IRelationshipStore store,
        IGraphGdapClient graphGdap,
        IPartnerCenterClient partnerCenter,
        TimeProvider clock,
        int maxConcurrency = DefaultMaxConcurrency)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), "At least one fetch must be allowed at a time.");
        }

        MaxConcurrency = maxConcurrency;
    }

    public int MaxConcurrency { get; }

    public async Task<ComplianceSnapshot> CollectAsync(CustomerScope? filter, IProgress<ComplianceProgress>? progress, CancellationToken cancellationToken)
    {
        filter ??= CustomerScope.All;

        // Lives for this collection only: the snapshot keeps the shared strings, not the pool.
        var pool = new SnapshotStringPool();

        // The three sources are read at once. The access-assignment fan-out (one request per active relationship) is
        // the long pole under a throttle; reading the store before it and the Partner Center customers after it left
        // the service's allowance unused for as long as those took. The first real failure stops the other two.
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        async Task<T> Guarded<T>(Func<Task<T>> read)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (!(e is OperationCanceledException && failFast.IsCancellationRequested))
                {
                    Interlocked.CompareExchange(ref firstFailure, e, null);
                }

                failFast.Cancel();
                throw;
            }
        }

        var invitesTask = Task.Run(() => Guarded(() => CollectInvitesAsync(filter, pool, progress, failFast.Token)));
        var customersTask = Task.Run(() => Guarded(() => CollectCustomersAsync(filter, pool, progress, failFast.Token)));
        var relationshipsTask = Guarded(() => CollectRelationshipsAsync(filter, pool, progress, failFast.Token));
        try
        {
            await Task.WhenAll(invitesTask, relationshipsTask, customersTask).ConfigureAwait(false);
        }
        catch
        {
            if (Volatile.Read(ref firstFailure) is { } failure && !cancellationToken.IsCancellationRequested)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }

        var invites = invitesTask.Result;
        var (relationships, relationshipIds) = relationshipsTask.Result;
        var (customers, customerIds) = customersTask.Result;
        invites.TrimExcess();
        relationships.TrimExcess();
        customers.TrimExcess();

        // The snapshot keeps the shared strings, not the table (as large as every distinct string of the run): it goes
        // now, even while something still refers to this method's state (a caller continuing on this completion's stack).
        pool.Clear();
        return new ComplianceSnapshot(_clock.GetUtcNow(), invites, relationships, customers, relationshipIds, customerIds);
    }

    /// <summary>The store's invites as compact rows, their strings shared across the snapshot (the same tenant, name
    /// and relationship id also arrive from Graph and Partner Center).</summary>
    private async Task<CompactInviteList> CollectInvitesAsync(CustomerScope filter, SnapshotStringPool pool, IProgress<ComplianceProgress>? progress, CancellationToken cancellationToken)
    {
        var invites = new CompactInviteList();
        var read = 0;
        await foreach (var invite in ReadInvitesAsync(cancellationToken).ConfigureAwait(false))
        {
            read++;
            if (filter.Matches(invite.CustomerTenantId, invite.CustomerName))
            {
                lock (pool)
                {
                    invites.Add(invite, pool.Share(invite.CustomerName), pool.ShareOrNull(invite.CustomerTenantId),
                        pool.ShareOrNull(invite.RelationshipId), pool.ShareOrNull(invite.RelationshipDisplayName));
                }
            }

            if (read % ProgressEvery == 0)
            {
                progress?.Report(new ComplianceProgress(CompliancePhase.Invites, read, null, $"Reading invites from the store ({read})"));
            }
        }

        progress?.Report(new ComplianceProgress(CompliancePhase.Invites, read, read, $"Read {read} invites from the store"));
        return invites;
    }

    /// <summary>Every stored invite in its small form: read as such when the store can, else mapped from full records.</summary>
    private async IAsyncEnumerable<InviteSummary> ReadInvitesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_store is IInviteSummaryReader summaries)
        {
            await foreach (var summary in summaries.ReadInviteSummariesAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return summary;
            }

            yield break;
        }

        await foreach (var invite in _store.QueryInvitesAsync(new InviteQuery(), cancellationToken).ConfigureAwait(false))
        {
            yield return InviteSummary.From(invite);
        }
    }

    /// <returns>The relationships the filter lets through and, when it leaves some out, the ids of all of them (null
    /// for a run over every customer: the relationships are all of them).</returns>
    private async Task<(List<ComplianceRelationship> Relationships, HashSet<string>? AllIds)> CollectRelationshipsAsync(
        CustomerScope filter, SnapshotStringPool pool, IProgress<ComplianceProgress>? progress, CancellationToken cancellationToken)
    {
        var relationships = new List<ComplianceRelationship>();
        var allIds = filter.MatchesAll ? null : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(MaxConcurrency, MaxConcurrency);
        var inFlight = new List<Task>();
        Exception? firstFailure = null;
        var queued = 0;
        var fetched = 0;
        var listingDone = 0;

        // The total is known only once every relationship is listed: until then, say how many are read, not "of" a
        // number that keeps growing.
        void ReportAssignments(int done)
        {
            if (Volatile.Read(ref listingDone) == 1)
            {
                var total = Volatile.Read(ref queued);
                progress?.Report(new ComplianceProgress(CompliancePhase.AccessAssignments, done, total, $"Reading access assignments ({done} of {total})"));
            }
            else
            {
                progress?.Report(new ComplianceProgress(CompliancePhase.AccessAssignments, done, null, $"Reading access assignments ({done} read; still listing relationships)"));
            }
        }

        async Task FetchAssignmentsAsync(int index, string relationshipId)
        {
            try
            {
                IReadOnlyList<ComplianceAccessAssignment> assignments;
                try
                {
                    var infos = await _graphGdap.ListAccessAssignmentsAsync(relationshipId, failFast.Token).ConfigureAwait(false);
                    var records = new ComplianceAccessAssignment[infos.Count];
                    lock (pool)
                    {
                        // A partner grants through a handful of security groups: their ids and the statuses repeat.
                        for (var i = 0; i < records.Length; i++)
                        {
                            var a = infos[i];
                            records[i] = new ComplianceAccessAssignment(a.Id, pool.Share(a.SecurityGroupId), pool.Share(a.Status), _roleSets.Share(a.Roles).Ids);
                        }
                    }

                    assignments = records;
                }
                catch (PartnerRelationshipsException e) when (e.Category == ErrorKind.ObjectNotFound)
                {
                    // Ended between the listing and this call: nothing to judge about its assignments.
                    return;
                }

                lock (relationships)
                {
                    relationships[index] = relationships[index] with { AccessAssignments = assignments };
                }

                var done = Interlocked.Increment(ref fetched);
                if (done % ProgressEvery == 0)
                {
                    ReportAssignments(done);
                }
            }
            catch (Exception e)
            {
                // The first real failure stops the run; cancellations it causes in other fetches are not news.
                if (!(e is OperationCanceledException && failFast.IsCancellationRequested))
                {
                    Interlocked.CompareExchange(ref firstFailure, e, null);
                }

                failFast.Cancel();
            }
            finally
            {
                slots.Release();
            }
        }

        try
        {
            var listed = 0;
            // Read ahead: the next page arrives while this one's fetches wait for a slot, so the fetches never stand
            // idle behind a page request.
            await foreach (var info in ReadAhead.Of(_graphGdap.ListRelationshipsAsync(null, failFast.Token), RelationshipReadAhead, failFast.Token).ConfigureAwait(false))
            {
                listed++;
                string id;
                lock (pool)
                {
                    id = pool.Share(info.Id);
                }

                allIds?.Add(id);
                if (listed % ProgressEvery == 0)
                {
                    progress?.Report(new ComplianceProgress(CompliancePhase.Relationships, listed, null, $"Listing relationships ({listed})"));
                }

                if (!filter.Matches(info.CustomerTenantId, info.CustomerName))
                {
                    continue;
                }

                int index;
                lock (relationships)
                {
                    index = relationships.Count;
                    relationships.Add(ToRecord(info, id, pool));
                }

                if (info.Status != RelationshipStatus.Active)
                {
                    continue;
                }

                await slots.WaitAsync(failFast.Token).ConfigureAwait(false);
                Interlocked.Increment(ref queued);
                inFlight.Add(FetchAssignmentsAsync(index, info.Id));
                if (inFlight.Count >= MaxConcurrency * 4)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }

            progress?.Report(new ComplianceProgress(CompliancePhase.Relationships, listed, listed, $"Listed {listed} relationships"));
            Volatile.Write(ref listingDone, 1);
            ReportAssignments(Volatile.Read(ref fetched));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && Volatile.Read(ref firstFailure) is not null)
        {
            // A fetch failed and stopped the listing; its error is rethrown below.
        }
        catch
        {
            // The listing itself failed: stop the fetches and let them finish before the semaphore goes away.
            failFast.Cancel();
            await Task.WhenAll(inFlight).ConfigureAwait(false);
            throw;
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        if (Volatile.Read(ref firstFailure) is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new ComplianceProgress(CompliancePhase.AccessAssignments, fetched, queued, $"Read access assignments of {queued} active relationships"));
        return (relationships, allIds);
    }

    /// <returns>The customers the filter lets through and, when it leaves some out, the tenant ids of all of them (null
    /// for a run over every customer).</returns>
    private async Task<(List<ComplianceCustomer> Customers, HashSet<string>? AllIds)> CollectCustomersAsync(
        CustomerScope filter, SnapshotStringPool pool, IProgress<ComplianceProgress>? progress, CancellationToken cancellationToken)
    {
        var customers = new List<ComplianceCustomer>();
        var allIds = filter.MatchesAll ? null : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var listed = 0;
        await foreach (var c in _partnerCenter.ListCustomersAsync(PartnerCenterClient.WholeListPageSize, cancellationToken).ConfigureAwait(false))
        {
            string tenantId;
            lock (pool)
            {
                tenantId = pool.Share(c.TenantId);
            }

            // A filtered run counts distinct tenants (its set of all ids sees a customer a page boundary repeats); a run
            // over every customer keeps no such set and counts what was listed.
            if (allIds is null || allIds.Add(tenantId))
            {
                listed++;
            }

            if (filter.Matches(c.TenantId, c.CompanyName))
            {
                lock (pool)
                {
                    customers.Add(new ComplianceCustomer(tenantId, pool.Share(c.CompanyName), pool.Share(c.RelationshipToPartner), c.AllowDelegatedAccess));
                }
            }

            if (listed % ProgressEvery == 0)
            {
                progress?.Report(new ComplianceProgress(CompliancePhase.Customers, listed, null, $"Listing customers ({listed})"));
            }
        }

        progress?.Report(new ComplianceProgress(CompliancePhase.Customers, listed, listed, $"Listed {listed} customers"));
        return (customers, allIds);
    }

    private ComplianceRelationship ToRecord(DelegatedAdminRelationshipInfo info, string id, SnapshotStringPool pool)
    {
        lock (pool)
        {
            return new ComplianceRelationship
            {
                Id = id,
                DisplayName = pool.Share(info.DisplayName),
                CustomerTenantId = pool.ShareOrNull(info.CustomerTenantId),
                CustomerName = pool.ShareOrNull(info.CustomerName),
                Status = info.Status,
                Roles = _roleSets.Share(info.Roles).Ids,
                AutoExtendDuration = info.AutoExtendDuration,
                ActivatedDateTime = info.ActivatedDateTime,
                EndDateTime = info.EndDateTime,
            };
        }
    }
}
