using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// The partner's customers with their relationships. Granular relationships are read once (one paged list) and grouped
/// by tenant while the first Partner Center customer pages are read ahead; customers then stream page by page, each
/// joined with its relationships; customers known only through granular relationships follow at the end. A tenant id
/// filter reads just that customer.
/// </summary>
public sealed class CustomerDirectory
{
    private readonly IGraphGdapClient _graphGdap;
    private readonly IPartnerCenterClient _partnerCenter;

    public CustomerDirectory(IGraphGdapClient graphGdap, IPartnerCenterClient partnerCenter)
    {
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
    }

    public async IAsyncEnumerable<PartnerCustomer> ListAsync(PartnerCustomerQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new PartnerCustomerQuery();
        var names = filter.Names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => new TextWildcard(n.Trim())).ToList();
        var domain = string.IsNullOrWhiteSpace(filter.Domain) ? null : new TextWildcard(filter.Domain!.Trim());
        bool Wanted(PartnerCustomer c) => WantedName(c.Name, c.Domain);
        // The filters read only the name and domain: checked before a customer is built, not after.
        bool WantedName(string name, string? customerDomain) => (names.Count == 0 || names.Any(n => n.IsMatch(name))) && (domain is null || domain.IsMatch(customerDomain));

        if (!string.IsNullOrWhiteSpace(filter.TenantId))
        {
            var one = await ReadOneAsync(TenantIds.Require(filter.TenantId, "TenantId"), filter, cancellationToken).ConfigureAwait(false);
            if (one is not null && Wanted(one))
            {
                yield return one;
            }

            yield break;
        }

        // The two reads are independent: the customer pages start while the relationships load (wall time ≈ the
        // longer of the two, not their sum), and each relationship is mapped as it arrives. Customers can only be
        // joined once every relationship is in, so some wait in memory meanwhile: never more than the relationships
        // already held (or MaxReadAhead), so the read-ahead at most doubles what the directory must hold anyway.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var relationships = new RelationshipsByTenant();
        var relationshipsTask = ReadRelationshipsByTenantAsync(relationships, stop.Token);
        var customers = ReadCustomersAsync(SearchesFor(names, domain), filter.PageSize, stop.Token).GetAsyncEnumerator(stop.Token);
        Task<bool>? pending = null;
        try
        {
            var readAhead = new CustomerReadAhead();
            pending = NextAsync(customers);
            while (!relationshipsTask.IsCompleted)
            {
                if (readAhead.Count >= Math.Max(MaxReadAhead, relationships.Count))
                {
                    // At the bound: wait for more relationships (a step of them, not one wake per relationship) or the end.
                    await Task.WhenAny(relationships.WhenCountReaches(readAhead.Count + ReadAheadStep), relationshipsTask).ConfigureAwait(false);
                    continue;
                }

                if (!pending.IsCompleted)
                {
                    await Task.WhenAny(pending, relationshipsTask).ConfigureAwait(false);
                }

                // Stop reading ahead once the relationships are in; a failed customer read surfaces after them, where
                // it would have when the reads ran one after the other.
                if (!pending.IsCompleted || pending.Status != TaskStatus.RanToCompletion) break;
                if (!pending.Result)
                {
                    pending = null; // No more customers.
                    break;
                }

                readAhead.Enqueue(customers.Current);
                pending = NextAsync(customers);
            }

            await relationshipsTask.ConfigureAwait(false);
            var byCustomer = relationships.Index;

            // Then the rest streams, one page ahead of the caller: customers the read has already delivered are taken
            // without waiting until a page's worth wait, so the next page is on its way while this one is joined and
            // consumed (the caller's per-item work overlaps the network), and a caller that stops early leaves at most
            // a page read for nothing. A failed page surfaces after every customer before it.
            var pageAhead = Math.Max(1, filter.PageSize);
            while (true)
            {
                while (pending is not null && pending.Status == TaskStatus.RanToCompletion && readAhead.Count < pageAhead)
                {
                    if (!pending.Result)
                    {
                        pending = null; // No more customers.
                        break;
                    }

                    readAhead.Enqueue(customers.Current);
                    pending = NextAsync(customers);
                }

                if (readAhead.Count > 0)
                {
                    var info = readAhead.Dequeue();
                    var ofTenant = byCustomer.Take(info.TenantId); // Even when filtered out: it is not Graph-only.
                    if (WantedName(info.CompanyName, info.Domain))
                    {
                        yield return Build(info, info.TenantId, info.CompanyName, byCustomer, ofTenant, filter);
                    }

                    continue;
                }

                if (pending is null) break;
                await pending.ConfigureAwait(false); // Waits for the next page (or throws its error).
            }

            foreach (var graphOnly in byCustomer.NotTaken())
            {
                var tenantId = byCustomer.TenantIdOf(graphOnly);
                var customerName = byCustomer.CustomerNameOf(graphOnly) ?? tenantId;
                if (WantedName(customerName, null))
                {
                    yield return Build(null, tenantId, customerName, byCustomer, graphOnly, filter);
                }
            }
        }
        finally
        {
            // Stopped early (Select-Object -First) or failed: end whichever read is still running before disposing.
            stop.Cancel();
            await Quietly(pending).ConfigureAwait(false);
            await customers.DisposeAsync().ConfigureAwait(false);
            await Quietly(relationshipsTask).ConfigureAwait(false);
        }
    }

    private static readonly Task<bool> HasMore = Task.FromResult(true);
    private static readonly Task<bool> NoMore = Task.FromResult(false);

    /// <summary>The enumerator's next step as a task; no allocation when it completes at once (an item of a page already read).</summary>
    private static Task<bool> NextAsync(IAsyncEnumerator<PartnerCustomerInfo> customers)
    {
        var next = customers.MoveNextAsync();
        if (next.IsCompletedSuccessfully)
        {
            return next.Result ? HasMore : NoMore;
        }

        return next.AsTask();
    }

    /// <summary>
    /// The Partner Center searches that find every customer the names (or else the domain) can match: one prefix
    /// search per name when each starts with literal text, so a lookup by name does not read the whole list. Null when
    /// the whole list must be read (no name, a name starting with a wildcard, or more names than searches are worth).
    /// </summary>
    internal static IReadOnlyList<CustomerSearch>? SearchesFor(IReadOnlyList<TextWildcard> names, TextWildcard? domain)
    {
        if (names.Count > 0)
        {
            var prefixes = names.Select(n => n.LiteralPrefix).ToList();
            if (names.Count > MaxNameSearches || prefixes.Any(p => p.Length == 0)) return null;
            return prefixes.Distinct(StringComparer.OrdinalIgnoreCase).Select(p => new CustomerSearch(CustomerSearchField.CompanyName, p)).ToList();
        }

        var domainPrefix = domain?.LiteralPrefix;
        return string.IsNullOrEmpty(domainPrefix) ? null : new[] { new CustomerSearch(CustomerSearchField.Domain, domainPrefix!) };
    }

    /// <summary>Beyond this many names one read of the whole list costs less than a search for each.</summary>
    internal const int MaxNameSearches = 10;

    /// <summary>The whole customer list (straight from the client: no iterator layer per customer), or the searches' results.</summary>
    private IAsyncEnumerable<PartnerCustomerInfo> ReadCustomersAsync(IReadOnlyList<CustomerSearch>? searches, int pageSize, CancellationToken cancellationToken) =>
        searches is null ? _partnerCenter.ListCustomersAsync(pageSize, cancellationToken) : SearchCustomersAsync(searches, pageSize, cancellationToken);

    /// <summary>The searches' results with each customer once (two prefixes can overlap).</summary>
    private async IAsyncEnumerable<PartnerCustomerInfo> SearchCustomersAsync(IReadOnlyList<CustomerSearch> searches, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var search in searches)
        {
            await foreach (var customer in _partnerCenter.SearchCustomersAsync(search, pageSize, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(customer.TenantId))
                {
                    yield return customer;
                }
            }
        }
    }

    /// <summary>About 1 MB of customers: the read-ahead while the relationship list loads, when fewer relationships are held.</summary>
    internal const int MaxReadAhead = 5_000;

    /// <summary>Two of Graph's pages of relationships ($top=300) between the page reads and the grouping.</summary>
    private const int RelationshipReadAhead = 600;

    /// <summary>How many more relationships a read-ahead paused at its bound waits for before it reads on.</summary>
    private const int ReadAheadStep = 1_000;

    /// <summary>
    /// Granular relationships grouped by customer tenant, held as they arrive (those not yet approved by anyone have no
    /// customer: skipped). The next page is read while this one is held (<see cref="RelationshipReadAhead"/>): holding
    /// 90,000 relationships costs time the page reads need not wait for.
    /// </summary>
    private async Task ReadRelationshipsByTenantAsync(RelationshipsByTenant relationships, CancellationToken cancellationToken)
    {
        await foreach (var r in ReadAhead.Of(_graphGdap.ListRelationshipsAsync(cancellationToken: cancellationToken), RelationshipReadAhead, cancellationToken).ConfigureAwait(false))
        {
            relationships.Add(r);
        }
    }

    /// <summary>Waits for a read being abandoned; its outcome no longer matters.</summary>
    private static async Task Quietly(Task? task)
    {
        if (task is null) return;
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            // Cancelled or failed after the caller stopped listening (or while another error propagates).
        }
    }

    private async Task<PartnerCustomer?> ReadOneAsync(string tenantId, PartnerCustomerQuery filter, CancellationToken cancellationToken)
    {
        // Both reads at once: one round trip of waiting instead of two.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var relationshipsTask = _graphGdap.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenantId }, stop.Token).CollectAsync(stop.Token);
        PartnerCustomerInfo? info = null;
        try
        {
            info = await _partnerCenter.GetCustomerAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == ErrorIds.Remote.RemoteNotFound)
        {
        }
        catch
        {
            stop.Cancel();
            await Quietly(relationshipsTask).ConfigureAwait(false);
            throw;
        }

        var relationships = await relationshipsTask.ConfigureAwait(false);

        if (info is null && relationships.Count == 0)
        {
            return null;
        }

        var byCustomer = new RelationshipsByCustomer();
        foreach (var r in relationships) byCustomer.Add(r);
        var customer = byCustomer.Take(tenantId);
        var customerName = info?.CompanyName ?? (customer < 0 ? null : byCustomer.CustomerNameOf(customer)) ?? tenantId;
        return Build(info, tenantId, customerName, byCustomer, customer, filter);
    }

    /// <param name="customer">The customer's index in <paramref name="relationships"/>; negative when it has none.</param>
    private static PartnerCustomer Build(PartnerCustomerInfo? info, string tenantId, string name, RelationshipsByCustomer relationships, int customer, PartnerCustomerQuery filter)
    {
        var (all, notEnded) = customer < 0
            ? (ExportableList<GranularRelationshipSummary>.Empty, ExportableList<GranularRelationshipSummary>.Empty)
            : relationships.Summaries(customer);
        var isReseller = info is not null && string.Equals(info.RelationshipToPartner, "reseller", StringComparison.OrdinalIgnoreCase);
        var allow = info is null ? false : info.AllowDelegatedAccess;
        return new PartnerCustomer
        {
            TenantId = tenantId,
            Name = name,
            Domain = info?.Domain,
            IsReseller = isReseller,
            RelationshipToPartner = info?.RelationshipToPartner,
            AllowDelegatedAccess = allow,
            GranularRelationships = filter.IncludeEndedRelationships ? all : notEnded,
            AdminPermission = PartnerCustomer.StateOf(isReseller, allow, info is not null, all),
        };
    }

    /// <summary>
    /// The relationships read so far, by customer tenant. Count is read by the listing while the read adds to it
    /// (how far customers may be read ahead); the map itself only once the read has ended.
    /// </summary>
    private sealed class RelationshipsByTenant
    {
        private readonly object _gate = new();
        private int _count;
        private int _awaited = int.MaxValue;
        private TaskCompletionSource<bool>? _reached;

        public RelationshipsByCustomer Index { get; } = new();

        public int Count => Volatile.Read(ref _count);

        /// <summary>Completes once Count reaches <paramref name="count"/> (one waiter at a time: the listing).</summary>
        public Task WhenCountReaches(int count)
        {
            lock (_gate)
            {
                if (_count >= count) return Task.CompletedTask;
                _reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _awaited = count;
                return _reached.Task;
            }
        }

        public void Add(DelegatedAdminRelationshipInfo r)
        {
            if (!Index.Add(r)) return; // No customer yet: not held, not counted.
            lock (_gate)
            {
                _count++;
                if (_count >= _awaited)
                {
                    _awaited = int.MaxValue;
                    _reached?.TrySetResult(true);
                    _reached = null;
                }
            }
        }
    }
}
