namespace PartnerRelationships.Sandbox.State;

public sealed partial class SandboxState
{
    /// <summary>
    /// Adds ready-made customers and relationships in one go (seeding). Customers whose tenant is already known and
    /// relationships whose id or displayName is taken are skipped, so seeding twice with the same seed is harmless.
    /// Returns how many of each were added.
    /// </summary>
    internal (int Customers, int Relationships) Import(IEnumerable<SandboxCustomer> customers, IEnumerable<SandboxRelationship> relationships)
    {
        var now = Now;
        var addedCustomers = 0;
        var addedRelationships = 0;
        lock (_gate)
        {
            foreach (var c in customers)
            {
                if (_customersByTenant.ContainsKey(c.TenantId))
                {
                    continue;
                }

                AddCustomerLocked(c);
                addedCustomers++;
            }

            foreach (var r in relationships)
            {
                if (_relationshipsById.ContainsKey(r.Id) || _relationshipsByName.ContainsKey(r.DisplayName))
                {
                    continue;
                }

                foreach (var a in r.AccessAssignments)
                {
                    a.Version = NextVersion();
                    a.LastModifiedDateTime = a.LastModifiedDateTime == default ? now : a.LastModifiedDateTime;
                }

                Insert(r, now);
                addedRelationships++;
            }
        }

        return (addedCustomers, addedRelationships);
    }
}
