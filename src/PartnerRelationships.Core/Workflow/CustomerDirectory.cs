using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// The partner's customers with their relationships. Granular relationships are read once (one paged list) and grouped
/// by tenant; Partner Center customers then stream page by page, each joined with its relationships; customers known
/// only through granular relationships follow at the end. A tenant id filter reads just that customer.
/// </summary>
public sealed class CustomerDirectory
{
    private readonly IPartnerServiceGateway _gateway;
    private readonly IPartnerCenterClient _partnerCenter;

    public CustomerDirectory(IPartnerServiceGateway gateway, IPartnerCenterClient partnerCenter)
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _partnerCenter = partnerCenter ?? throw new ArgumentNullException(nameof(partnerCenter));
    }

    public async IAsyncEnumerable<PartnerCustomer> ListAsync(CustomerFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new CustomerFilter();
        var name = string.IsNullOrWhiteSpace(filter.Name) ? null : new TextWildcard(filter.Name!.Trim());
        var domain = string.IsNullOrWhiteSpace(filter.Domain) ? null : new TextWildcard(filter.Domain!.Trim());
        bool Wanted(PartnerCustomer c) => (name is null || name.IsMatch(c.Name)) && (domain is null || domain.IsMatch(c.Domain));

        if (!string.IsNullOrWhiteSpace(filter.TenantId))
        {
            var one = await ReadOneAsync(TenantIds.Require(filter.TenantId, "TenantId"), filter, cancellationToken).ConfigureAwait(false);
            if (one is not null && Wanted(one))
            {
                yield return one;
            }

            yield break;
        }

        var byTenant = new Dictionary<string, List<DelegatedAdminRelationshipInfo>>(StringComparer.OrdinalIgnoreCase);
        await foreach (var r in _gateway.ListRelationshipsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(r.CustomerTenantId)) continue; // Not approved by anyone yet: no customer to show.
            if (!byTenant.TryGetValue(r.CustomerTenantId!, out var list)) byTenant[r.CustomerTenantId!] = list = new();
            list.Add(r);
        }

        await foreach (var c in _partnerCenter.ListCustomersAsync(filter.PageSize, cancellationToken).ConfigureAwait(false))
        {
            byTenant.TryGetValue(c.TenantId, out var relationships);
            byTenant.Remove(c.TenantId);
            var customer = Build(c, c.TenantId, c.CompanyName, relationships, filter);
            if (Wanted(customer))
            {
                yield return customer;
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

    private async Task<PartnerCustomer?> ReadOneAsync(string tenantId, CustomerFilter filter, CancellationToken cancellationToken)
    {
        PartnerCustomerInfo? info = null;
        try
        {
            info = await _partnerCenter.GetCustomerAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerRelationshipsException ex) when (ex.ErrorId == "RemoteNotFound")
        {
        }

        var relationships = new List<DelegatedAdminRelationshipInfo>();
        await foreach (var r in _gateway.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenantId }, cancellationToken).ConfigureAwait(false))
        {
            relationships.Add(r);
        }

        if (info is null && relationships.Count == 0)
        {
            return null;
        }

        var customerName = info?.CompanyName ?? relationships.Select(r => r.CustomerName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? tenantId;
        return Build(info, tenantId, customerName, relationships, filter);
    }

    private static PartnerCustomer Build(PartnerCustomerInfo? info, string tenantId, string name, List<DelegatedAdminRelationshipInfo>? relationships, CustomerFilter filter)
    {
        var all = (relationships ?? new()).Select(GranularRelationshipSummary.From).ToList();
        var isReseller = info is not null && string.Equals(info.RelationshipToPartner, "reseller", StringComparison.OrdinalIgnoreCase);
        var allow = info?.AllowDelegatedAccess ?? false;
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
