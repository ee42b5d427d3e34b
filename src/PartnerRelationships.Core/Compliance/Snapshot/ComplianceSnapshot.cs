using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>
/// Everything one run judges, gathered once: the store's invites, the service's relationships (with access
/// assignments of the active ones) and the Partner Center customers. Rules only read it.
/// </summary>
public sealed class ComplianceSnapshot
{
    // Each relationship's index in Relationships, by id.
    private readonly Dictionary<string, int> _relationshipsById;

    // Each customer's relationships as a chain through Relationships, in listing order: the first and last index per
    // tenant and the next index per relationship. A large partner has about one relationship per customer, so a
    // lookup's group object and array per customer would cost more than the relationships' own records.
    private readonly Dictionary<string, (int First, int Last)> _relationshipChainByCustomer;
    private readonly int[] _nextOfCustomer;

    private readonly Dictionary<string, ComplianceCustomer> _customersByTenant;

    // Null when the run covers every customer: then the service listed exactly what the dictionaries above hold.
    private readonly HashSet<string>? _serviceRelationshipIds;
    private readonly HashSet<string>? _serviceCustomerIds;

    /// <param name="serviceRelationshipIds">
    /// Ids of every relationship the service listed, before any customer filter: a store record is only "unknown to
    /// the service" when the service has no such id at all. Null (a run over every customer) means exactly
    /// <paramref name="relationships"/>.
    /// </param>
    /// <param name="serviceCustomerTenantIds">Likewise for Partner Center customers; null means exactly <paramref name="customers"/>.</param>
    public ComplianceSnapshot(
        DateTimeOffset collectedAt,
        IReadOnlyList<InviteSummary> invites,
        IReadOnlyList<ComplianceRelationship> relationships,
        IReadOnlyList<ComplianceCustomer> customers,
        IEnumerable<string>? serviceRelationshipIds = null,
        IEnumerable<string>? serviceCustomerTenantIds = null)
    {
        CollectedAt = collectedAt;
        Invites = invites ?? throw new ArgumentNullException(nameof(invites));
        Relationships = relationships ?? throw new ArgumentNullException(nameof(relationships));
        Customers = customers ?? throw new ArgumentNullException(nameof(customers));

        _relationshipsById = new Dictionary<string, int>(relationships.Count, StringComparer.OrdinalIgnoreCase);
        _relationshipChainByCustomer = new Dictionary<string, (int First, int Last)>(relationships.Count, StringComparer.OrdinalIgnoreCase);
        _nextOfCustomer = new int[relationships.Count];
        for (var i = 0; i < relationships.Count; i++)
        {
            var r = relationships[i];
            _relationshipsById[r.Id] = i;
            _nextOfCustomer[i] = -1;
            if (r.CustomerTenantId is not { } tenantId)
            {
                continue;
            }

            if (_relationshipChainByCustomer.TryGetValue(tenantId, out var chain))
            {
                _nextOfCustomer[chain.Last] = i;
                _relationshipChainByCustomer[tenantId] = (chain.First, i);
            }
            else
            {
                _relationshipChainByCustomer.Add(tenantId, (i, i));
            }
        }

        _customersByTenant = new Dictionary<string, ComplianceCustomer>(customers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var c in customers)
        {
            _customersByTenant[c.TenantId] = c;
        }

        _serviceRelationshipIds = CaseInsensitiveSetOrNull(serviceRelationshipIds);
        _serviceCustomerIds = CaseInsensitiveSetOrNull(serviceCustomerTenantIds);
    }

    // The collector hands over sets it built for this snapshot alone: keeping them saves a copy of every id.
    private static HashSet<string>? CaseInsensitiveSetOrNull(IEnumerable<string>? ids) =>
        ids is null ? null
        : ids is HashSet<string> set && ReferenceEquals(set.Comparer, StringComparer.OrdinalIgnoreCase) ? set
        : new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset CollectedAt { get; }

    public IReadOnlyList<InviteSummary> Invites { get; }

    public IReadOnlyList<ComplianceRelationship> Relationships { get; }

    public IReadOnlyList<ComplianceCustomer> Customers { get; }

    public ComplianceRelationship? FindRelationship(string? id)
    {
        var index = IndexOfRelationship(id);
        return index < 0 ? null : Relationships[index];
    }

    /// <summary>The relationship's index in <see cref="Relationships"/>; -1 when the service listed no such id.</summary>
    public int IndexOfRelationship(string? id) => id is not null && _relationshipsById.TryGetValue(id, out var index) ? index : -1;

    /// <summary>The customer's relationships, in the order the service listed them.</summary>
    public IEnumerable<ComplianceRelationship> RelationshipsOf(string? customerTenantId) =>
        customerTenantId is not null && _relationshipChainByCustomer.TryGetValue(customerTenantId, out var chain)
            ? Chain(chain.First)
            : Enumerable.Empty<ComplianceRelationship>();

    private IEnumerable<ComplianceRelationship> Chain(int first)
    {
        for (var i = first; i >= 0; i = _nextOfCustomer[i])
        {
            yield return Relationships[i];
        }
    }

    public ComplianceCustomer? FindCustomer(string? tenantId) =>
        tenantId is not null && _customersByTenant.TryGetValue(tenantId, out var c) ? c : null;

    /// <summary>Whether the service listed a relationship with this id (whatever the customer filter).</summary>
    public bool ServiceHasRelationship(string id) => _serviceRelationshipIds?.Contains(id) ?? _relationshipsById.ContainsKey(id);

    /// <summary>Whether Partner Center listed this customer (whatever the customer filter).</summary>
    public bool ServiceHasCustomer(string tenantId) => _serviceCustomerIds?.Contains(tenantId) ?? _customersByTenant.ContainsKey(tenantId);

    /// <summary>How many customers Partner Center listed (whatever the customer filter).</summary>
    public int ServiceCustomerCount => _serviceCustomerIds?.Count ?? _customersByTenant.Count;

    /// <summary>The customer's name from whichever source knows it.</summary>
    public string? CustomerNameOf(string? tenantId, string? fallback = null)
    {
        if (FindCustomer(tenantId) is { } customer && customer.Name.Length > 0)
        {
            return customer.Name;
        }

        return RelationshipsOf(tenantId).Select(r => r.CustomerName).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? fallback;
    }
}
