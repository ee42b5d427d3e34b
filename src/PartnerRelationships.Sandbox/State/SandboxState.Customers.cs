namespace PartnerRelationships.Sandbox.State;

public sealed partial class SandboxState
{
    /// <summary>All known customer tenants in the order they became known (snapshots).</summary>
    public IReadOnlyList<SandboxCustomer> Customers
    {
        get
        {
            lock (_gate)
            {
                return _customers.Select(c => c.Snapshot()).ToArray();
            }
        }
    }

    public SandboxCustomer? FindCustomer(string tenantId)
    {
        lock (_gate)
        {
            return _customersByTenant.TryGetValue(tenantId, out var c) ? c.Snapshot() : null;
        }
    }

    /// <summary>
    /// The customer accepts the reseller relationship link: it becomes (again) a Partner Center customer with the
    /// partner as reseller and DAP admin rights, and shows in /contracts.
    /// </summary>
    public SandboxCustomer AcceptResellerLink(
        string? displayName,
        string? tenantId = null,
        string? domain = null,
        string? indirectResellerId = null,
        string? indirectResellerName = null,
        bool hasActiveSubscriptions = false)
    {
        var tenant = RelationshipRules.TenantId(tenantId) ?? Guid.NewGuid().ToString();
        var now = Now;
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(displayName) && !_customersByTenant.ContainsKey(tenant))
            {
                throw SandboxRuleException.BadRequest("The displayName of the accepting customer is required.");
            }

            var c = EnsureCustomer(tenant, displayName, domain, now);
            c.RelationshipToPartner = "reseller";
            c.AllowDelegatedAccess = true;
            c.AdminReassignedTo = null;
            c.HasActiveSubscriptions = hasActiveSubscriptions || c.HasActiveSubscriptions;
            c.ResellerSince = now;
            if (indirectResellerId is not null && !c.IndirectResellers.Any(x => string.Equals(x.Id, indirectResellerId, StringComparison.OrdinalIgnoreCase)))
            {
                // One reseller has one MPN id whichever customer it serves: a known one keeps its own.
                var known = KnownIndirectResellersLocked().FirstOrDefault(r => string.Equals(r.Id, indirectResellerId, StringComparison.OrdinalIgnoreCase));
                c.IndirectResellers.Add(new SandboxIndirectReseller(indirectResellerId, known?.MpnId ?? MpnIdFor(indirectResellerId), indirectResellerName ?? known?.Name ?? "Indirect reseller"));
            }

            return c.Snapshot();
        }
    }

    /// <summary>
    /// The customer removes the partner's admin rights, or reassigns them to another partner: the DAP flag goes,
    /// and (unless told otherwise) the customer also ends every GDAP relationship with the partner.
    /// </summary>
    public SandboxCustomer RemoveAdminRights(string tenantId, string? reassignTo = null, bool terminateGdap = true)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var c = GetCustomer(tenantId);
            c.AllowDelegatedAccess = false;
            c.AdminReassignedTo = reassignTo;
            if (terminateGdap)
            {
                foreach (var r in _relationships.Where(r => string.Equals(r.CustomerTenantId, c.TenantId, StringComparison.OrdinalIgnoreCase)
                                                            && !r.IsReseller
                                                            && r.Status is RelationshipStatus.Active or RelationshipStatus.Expiring or RelationshipStatus.ApprovalPending
                                                                or RelationshipStatus.Approved or RelationshipStatus.Activating
                                                                or RelationshipStatus.TerminationRequested or RelationshipStatus.Terminating))
                {
                    EndRelationship(r, RelationshipStatus.Terminated, now, now);
                }
            }

            return c.Snapshot();
        }
    }

    public SandboxCustomer SetActiveSubscriptions(string tenantId, bool active)
    {
        lock (_gate)
        {
            var c = GetCustomer(tenantId);
            c.HasActiveSubscriptions = active;
            return c.Snapshot();
        }
    }

    /// <summary>Partner Center PATCH: only relationshipToPartner "none" (remove the reseller relationship) is supported.</summary>
    public SandboxCustomer UpdateRelationshipToPartner(string tenantId, string? relationshipToPartner)
    {
        lock (_gate)
        {
            var c = GetCustomer(tenantId);
            if (!string.Equals(relationshipToPartner, "none", StringComparison.OrdinalIgnoreCase))
            {
                throw new SandboxRuleException(400, "badRequest",
                    $"relationshipToPartner '{relationshipToPartner}' can't be set; only \"none\" (remove the reseller relationship) is supported.",
                    600010, "InvalidInput");
            }

            if (c.HasActiveSubscriptions)
            {
                throw new SandboxRuleException(400, "badRequest",
                    "The customer has active subscriptions; cancel or transfer them before removing the reseller relationship.",
                    600011, "CustomerHasActiveSubscriptions");
            }

            c.RelationshipToPartner = "none";
            c.AllowDelegatedAccess = false;
            return c.Snapshot();
        }
    }

    /// <summary>
    /// The customer's subscriptions (get-all-of-a-customer-s-subscriptions). A customer that never was a reseller
    /// customer has none; others have their seeded list or the defaults.
    /// </summary>
    public IReadOnlyList<SandboxSubscription> ListSubscriptions(string tenantId)
    {
        lock (_gate)
        {
            return SubscriptionsOf(GetCustomer(tenantId)).ToArray();
        }
    }

    /// <summary>
    /// update-a-subscription-s-support-contact: "The support contact must be an existing reseller with a relationship
    /// to the partner"; not supported for new-commerce subscriptions (get-a-subscription-s-support-contact's note).
    /// </summary>
    public SandboxSupportContact SetSupportContact(string tenantId, string subscriptionId, SandboxSupportContact contact)
    {
        if (!Guid.TryParse(contact.SupportTenantId, out _))
        {
            throw SandboxRuleException.PartnerCenterClassic(400, 3000, "Invalid property: supportTenantId must be the indirect reseller's tenant id (GUID).");
        }

        lock (_gate)
        {
            var customer = GetCustomer(tenantId);
            var subscription = SupportContactSubscription(customer, subscriptionId);
            var reseller = KnownIndirectResellersLocked().FirstOrDefault(r => string.Equals(r.Id, contact.SupportTenantId, StringComparison.OrdinalIgnoreCase));
            if (reseller is null || !string.Equals(reseller.MpnId, contact.SupportMpnId, StringComparison.Ordinal))
            {
                // error-codes: 800016 "MPN Id is not a valid Indirect Reseller".
                throw SandboxRuleException.PartnerCenterClassic(400, 800016,
                    $"MPN Id is not a valid Indirect Reseller: tenant {contact.SupportTenantId} with MPN id '{contact.SupportMpnId}' is not one of the partner's indirect resellers.");
            }

            var stored = contact with { Name = string.IsNullOrWhiteSpace(contact.Name) ? reseller.Name : contact.Name };
            customer.SupportContacts[subscription.Id] = stored;
            return stored;
        }
    }

    /// <summary>The subscription's support contact; null when none is set.</summary>
    public SandboxSupportContact? GetSupportContact(string tenantId, string subscriptionId)
    {
        lock (_gate)
        {
            var customer = GetCustomer(tenantId);
            var subscription = SupportContactSubscription(customer, subscriptionId);
            return customer.SupportContacts.TryGetValue(subscription.Id, out var contact) ? contact : null;
        }
    }

    /// <summary>Every indirect reseller the partner has a relationship with (any customer's, plus the configured ones).</summary>
    public IReadOnlyList<SandboxIndirectReseller> KnownIndirectResellers()
    {
        lock (_gate)
        {
            return KnownIndirectResellersLocked().ToArray();
        }
    }

    private IEnumerable<SandboxIndirectReseller> KnownIndirectResellersLocked() =>
        _options.IndirectResellers.Concat(_customers.SelectMany(c => c.IndirectResellers))
            .GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());

    private static IEnumerable<SandboxSubscription> SubscriptionsOf(SandboxCustomer customer) =>
        customer.Subscriptions ?? (customer.RelationshipToPartner is null ? new List<SandboxSubscription>() : SandboxSubscriptions.DefaultsFor(customer.TenantId));

    private static SandboxSubscription SupportContactSubscription(SandboxCustomer customer, string subscriptionId)
    {
        var subscription = SubscriptionsOf(customer).FirstOrDefault(s => string.Equals(s.Id, subscriptionId, StringComparison.OrdinalIgnoreCase))
            ?? throw SandboxRuleException.PartnerCenterClassic(404, 1000, $"Not found: the customer {customer.TenantId} has no subscription '{subscriptionId}'.");
        if (subscription.IsNewCommerce)
        {
            // Undocumented answer; our choice (docs/wire-contract.md): 400, error-codes' 800042 "Not supported".
            throw SandboxRuleException.PartnerCenterClassic(400, 800042,
                "Not supported: designated support contacts are not supported for new commerce subscriptions.");
        }

        return subscription;
    }

    public IReadOnlyList<SandboxIndirectReseller> ListIndirectResellers(string tenantId)
    {
        lock (_gate)
        {
            return GetCustomer(tenantId).IndirectResellers.ToArray();
        }
    }

    /// <summary>A page of customers after the cursor, in the order they became known.</summary>
    internal (IReadOnlyList<SandboxCustomer> Page, long? NextAfter) ListCustomers(Func<SandboxCustomer, bool> include, long after, int take)
    {
        lock (_gate)
        {
            var (page, next) = PageBySequence(_customers, c => c.Sequence, include, after, take);
            return (page.Select(c => c.Snapshot()).ToArray(), next);
        }
    }

    /// <summary>Customers with at least one GDAP relationship (Graph delegatedAdminCustomers), with the id of the tenant.</summary>
    internal (IReadOnlyList<SandboxCustomer> Page, long? NextAfter) ListDelegatedAdminCustomers(long after, int take)
    {
        ProcessDue();
        lock (_gate)
        {
            var withRelationship = new HashSet<string>(
                _relationships.Where(r => r.CustomerTenantId is not null && r.ActivatedDateTime is not null).Select(r => r.CustomerTenantId!),
                StringComparer.OrdinalIgnoreCase);
            var (page, next) = PageBySequence(_customers, c => c.Sequence, c => withRelationship.Contains(c.TenantId), after, take);
            return (page.Select(c => c.Snapshot()).ToArray(), next);
        }
    }

    internal SandboxCustomer GetDelegatedAdminCustomer(string tenantId)
    {
        ProcessDue();
        lock (_gate)
        {
            if (_customersByTenant.TryGetValue(tenantId, out var c)
                && _relationships.Any(r => string.Equals(r.CustomerTenantId, tenantId, StringComparison.OrdinalIgnoreCase) && r.ActivatedDateTime is not null))
            {
                return c.Snapshot();
            }

            throw SandboxRuleException.NotFound($"No delegated admin customer with id '{tenantId}'.");
        }
    }

    private SandboxCustomer GetCustomer(string tenantId) =>
        _customersByTenant.TryGetValue(tenantId, out var c)
            ? c
            : throw new SandboxRuleException(404, "notFound", $"The customer '{tenantId}' was not found. Check the tenant id.", 600002, "CustomerNotFound");

    private SandboxCustomer EnsureCustomer(string tenantId, string? displayName, string? domain, DateTimeOffset now)
    {
        if (_customersByTenant.TryGetValue(tenantId, out var existing))
        {
            if (!string.IsNullOrWhiteSpace(displayName))
            {
                existing.CompanyName = displayName!;
            }

            if (!string.IsNullOrWhiteSpace(domain))
            {
                existing.Domain = domain!;
            }

            return existing;
        }

        var name = string.IsNullOrWhiteSpace(displayName) ? $"Customer {tenantId.Substring(0, 8)}" : displayName!;
        var customer = new SandboxCustomer
        {
            TenantId = tenantId,
            CompanyName = name,
            Domain = string.IsNullOrWhiteSpace(domain) ? DomainFor(name) : domain!,
        };
        AddCustomerLocked(customer);
        return customer;
    }

    private void AddCustomerLocked(SandboxCustomer customer)
    {
        customer.Sequence = NextSequence();
        _customers.Add(customer);
        _customersByTenant[customer.TenantId] = customer;
    }

    internal static string DomainFor(string companyName)
    {
        var letters = new string(companyName.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return (letters.Length == 0 ? "customer" : letters) + ".onmicrosoft.com";
    }

    /// <summary>A stable made-up MPN id for a reseller id (string.GetHashCode changes per process).</summary>
    private static string MpnIdFor(string id)
    {
        uint hash = 2166136261;
        foreach (var ch in id.ToLowerInvariant())
        {
            hash = (hash ^ ch) * 16777619;
        }

        return (1_000_000 + hash % 9_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
