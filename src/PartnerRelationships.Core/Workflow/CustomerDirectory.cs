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
    private readonly IGraphGdapClient _gateway;
    private readonly IPartnerCenterClient _partnerCenter;

    public CustomerDirectory(IGraphGdapClient gateway, IPartnerCenterClient partnerCenter)
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
    }

    public async IAsyncEnumerable<PartnerCustomer> ListAsync(PartnerCustomerQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new PartnerCustomerQuery();
        var names = filter.Names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => new TextWildcard(n.Trim())).ToList();
        var domain = string.IsNullOrWhiteSpace(filter.Domain) ? null : new TextWildcard(filter.Domain!.Trim());
        bool Wanted(PartnerCustomer c) => (names.Count == 0 || names.Any(n => n.IsMatch(c.Name))) && (domain is null || domain.IsMatch(c.Domain));

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
        // longer of the two, not their sum). Customers can only be joined once every relationship is in, so up to
        // MaxReadAhead of them wait in memory meanwhile; beyond that the customer read pauses (memory stays bounded).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var relationshipsTask = ReadRelationshipsByTenantAsync(stop.Token);
        var customers = ReadCustomersAsync(SearchesFor(names, domain), filter.PageSize, stop.Token).GetAsyncEnumerator(stop.Token);
        Task<bool>? pending = null;
        try
        {
            var readAhead = new Queue<PartnerCustomerInfo>();
            pending = customers.MoveNextAsync().AsTask();
            while (readAhead.Count < MaxReadAhead && !relationshipsTask.IsCompleted)
            {
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
                pending = customers.MoveNextAsync().AsTask();
            }

            var byTenant = await relationshipsTask.ConfigureAwait(false);
            while (readAhead.Count > 0)
            {
                var customer = Join(readAhead.Dequeue(), byTenant, filter);
                if (Wanted(customer))
                {
                    yield return customer;
                }
            }

            if (pending is not null)
            {
                var hasCustomer = await pending.ConfigureAwait(false);
                pending = null;
                while (hasCustomer)
                {
                    var customer = Join(customers.Current, byTenant, filter);
                    if (Wanted(customer))
                    {
                        yield return customer;
                    }

                    hasCustomer = await customers.MoveNextAsync().ConfigureAwait(false);
                }
            }

            foreach (var pair in byTenant)
            {
                var customerName = pair.Value.Select(r => r.CustomerName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? pair.Key;
                var customer = Build(null, pair.Key, customerName, pair.Value, filter);
                if (Wanted(customer))
                {
                    yield return customer;
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

    /// <summary>The whole customer list, or the searches' results with each customer once (two prefixes can overlap).</summary>
    private async IAsyncEnumerable<PartnerCustomerInfo> ReadCustomersAsync(IReadOnlyList<CustomerSearch>? searches, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (searches is null)
        {
            await foreach (var customer in _partnerCenter.ListCustomersAsync(pageSize, cancellationToken).ConfigureAwait(false))
            {
                yield return customer;
            }

            yield break;
        }

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

    /// <summary>About 1 MB of customers; the read-ahead bound while the relationship list loads.</summary>
    internal const int MaxReadAhead = 5_000;

    /// <summary>Granular relationships grouped by customer tenant (those not yet approved by anyone have none: skipped).</summary>
    private async Task<Dictionary<string, List<DelegatedAdminRelationshipInfo>>> ReadRelationshipsByTenantAsync(CancellationToken cancellationToken)
    {
        var byTenant = new Dictionary<string, List<DelegatedAdminRelationshipInfo>>(StringComparer.OrdinalIgnoreCase);
        await foreach (var r in _gateway.ListRelationshipsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(r.CustomerTenantId)) continue;
            if (!byTenant.TryGetValue(r.CustomerTenantId!, out var list)) byTenant[r.CustomerTenantId!] = list = new();
            list.Add(r);
        }

        return byTenant;
    }

    /// <summary>The customer with its relationships, which leave the map (what is left at the end is Graph-only).</summary>
    private static PartnerCustomer Join(PartnerCustomerInfo c, Dictionary<string, List<DelegatedAdminRelationshipInfo>> byTenant, PartnerCustomerQuery filter)
    {
        byTenant.TryGetValue(c.TenantId, out var relationships);
        byTenant.Remove(c.TenantId);
        return Build(c, c.TenantId, c.CompanyName, relationships, filter);
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
        var relationshipsTask = _gateway.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenantId }, stop.Token).CollectAsync(stop.Token);
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

        var customerName = info?.CompanyName ?? relationships.Select(r => r.CustomerName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? tenantId;
        return Build(info, tenantId, customerName, relationships, filter);
    }

    private static PartnerCustomer Build(PartnerCustomerInfo? info, string tenantId, string name, List<DelegatedAdminRelationshipInfo>? relationships, PartnerCustomerQuery filter)
    {
        var all = (relationships ?? new()).Select(GranularRelationshipSummary.From).ToList();
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
            GranularRelationships = filter.IncludeEndedRelationships
                ? all
                : all.Where(r => r.Status is not (RelationshipStatus.Expired or RelationshipStatus.Terminated)).ToList(),
            AdminPermission = PartnerCustomer.StateOf(isReseller, allow, info is not null, all),
        };
    }
}
