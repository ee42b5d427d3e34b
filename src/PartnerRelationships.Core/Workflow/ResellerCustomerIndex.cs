using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Finds the customer a reseller invite was for. The rule, in order:
/// 1. the invite knows the customer's tenant id: that tenant, and nothing else;
/// 2. otherwise the customer whose company name equals the invite's (case-insensitive, trimmed), if exactly one;
/// 3. otherwise the customer whose domain (Partner Center domain or the contract's defaultDomainName) equals the
///    invite email's domain (case-insensitive), if exactly one.
/// An ambiguous name or domain matches nothing: a wrong acceptance is worse than a late one.
/// </summary>
public sealed class ResellerCustomerIndex
{
    private readonly Dictionary<string, ResellerCustomer> _byTenant = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<ResellerCustomer>> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<ResellerCustomer>> _byDomain = new(StringComparer.OrdinalIgnoreCase);

    public ResellerCustomerIndex(IEnumerable<ResellerCustomer> customers)
    {
        foreach (var customer in customers)
        {
            if (string.IsNullOrWhiteSpace(customer.TenantId)) continue;
            var tenant = customer.TenantId.Trim();
            if (_byTenant.TryGetValue(tenant, out var known))
            {
                // Partner Center knows more (relationship, admin rights); a contract adds the domain when PC has none.
                _byTenant[tenant] = known with { Domain = known.Domain ?? customer.Domain, AllowDelegatedAccess = known.AllowDelegatedAccess ?? customer.AllowDelegatedAccess };
                continue;
            }

            _byTenant[tenant] = customer;
        }

        foreach (var customer in _byTenant.Values)
        {
            Add(_byName, customer.Name.Trim(), customer);
            if (!string.IsNullOrWhiteSpace(customer.Domain)) Add(_byDomain, customer.Domain!.Trim(), customer);
        }
    }

    public int Count => _byTenant.Count;

    public ResellerCustomer? FindByTenant(string? tenantId) =>
        tenantId is not null && _byTenant.TryGetValue(tenantId.Trim(), out var c) ? c : null;

    /// <summary>The customer and how it was matched ("tenant id", "name", "email domain"), or null.</summary>
    public (ResellerCustomer Customer, string MatchedBy)? Match(ResellerInvite invite)
    {
        if (!string.IsNullOrWhiteSpace(invite.CustomerTenantId))
        {
            return FindByTenant(invite.CustomerTenantId) is { } byTenant ? (byTenant, "tenant id") : null;
        }

        if (_byName.TryGetValue(invite.CustomerName.Trim(), out var named) && named.Count == 1)
        {
            return (named[0], "name");
        }

        var at = invite.CustomerEmail.LastIndexOf('@');
        var domain = at < 0 ? "" : invite.CustomerEmail.Substring(at + 1).Trim();
        if (domain.Length > 0 && _byDomain.TryGetValue(domain, out var byDomain) && byDomain.Count == 1)
        {
            return (byDomain[0], "email domain");
        }

        return null;
    }

    private static void Add(Dictionary<string, List<ResellerCustomer>> index, string key, ResellerCustomer customer)
    {
        if (key.Length == 0) return;
        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<ResellerCustomer>();
        list.Add(customer);
    }
}
