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
    private readonly Dictionary<string, ComplianceRelationship> _relationshipsById;
    private readonly ILookup<string, ComplianceRelationship> _relationshipsByCustomer;
    private readonly Dictionary<string, ComplianceCustomer> _customersByTenant;
    private readonly HashSet<string> _serviceRelationshipIds;
    private readonly HashSet<string> _serviceCustomerIds;

    /// <param name="serviceRelationshipIds">
    /// Ids of every relationship the service listed, before any customer filter: a store record is only "unknown to
    /// the service" when the service has no such id at all. Null means exactly <paramref name="relationships"/>.
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

        _relationshipsById = new Dictionary<string, ComplianceRelationship>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in relationships)
        {
            _relationshipsById[r.Id] = r;
        }

        _relationshipsByCustomer = relationships
            .Where(r => r.CustomerTenantId is not null)
            .ToLookup(r => r.CustomerTenantId!, StringComparer.OrdinalIgnoreCase);

        _customersByTenant = new Dictionary<string, ComplianceCustomer>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in customers)
        {
            _customersByTenant[c.TenantId] = c;
        }

        _serviceRelationshipIds = CaseInsensitiveSet(serviceRelationshipIds ?? relationships.Select(r => r.Id));
        _serviceCustomerIds = CaseInsensitiveSet(serviceCustomerTenantIds ?? customers.Select(c => c.TenantId));
    }

    // The collector hands over sets it built for this snapshot alone: keeping them saves a copy of every id.
    private static HashSet<string> CaseInsensitiveSet(IEnumerable<string> ids) =>
        ids is HashSet<string> set && ReferenceEquals(set.Comparer, StringComparer.OrdinalIgnoreCase)
            ? set
            : new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset CollectedAt { get; }

    public IReadOnlyList<InviteSummary> Invites { get; }

    public IReadOnlyList<ComplianceRelationship> Relationships { get; }

    public IReadOnlyList<ComplianceCustomer> Customers { get; }

    public ComplianceRelationship? FindRelationship(string? id) =>
        id is not null && _relationshipsById.TryGetValue(id, out var r) ? r : null;

    public IEnumerable<ComplianceRelationship> RelationshipsOf(string? customerTenantId) =>
        customerTenantId is null ? Enumerable.Empty<ComplianceRelationship>() : _relationshipsByCustomer[customerTenantId];

    public ComplianceCustomer? FindCustomer(string? tenantId) =>
        tenantId is not null && _customersByTenant.TryGetValue(tenantId, out var c) ? c : null;

    /// <summary>Whether the service listed a relationship with this id (whatever the customer filter).</summary>
    public bool ServiceHasRelationship(string id) => _serviceRelationshipIds.Contains(id);

    /// <summary>Whether Partner Center listed this customer (whatever the customer filter).</summary>
    public bool ServiceHasCustomer(string tenantId) => _serviceCustomerIds.Contains(tenantId);

    /// <summary>How many customers Partner Center listed (whatever the customer filter).</summary>
    public int ServiceCustomerCount => _serviceCustomerIds.Count;

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
