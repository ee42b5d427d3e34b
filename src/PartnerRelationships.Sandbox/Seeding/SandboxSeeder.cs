using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Seeding;

/// <summary>
/// Fills a sandbox with customers and relationships in assorted states. Generation is deterministic for a seed
/// (ids, names and states all come from one <see cref="Random"/>), so a benchmark can reproduce its start state.
/// </summary>
public static class SandboxSeeder
{
    private static readonly string[] NameStarts =
    {
        "Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Adatum", "Litware", "Proseware", "Wingtip", "Alpine",
        "Coho", "Lucerne", "Margie's", "Trey", "Humongous", "Relecloud", "Southridge", "Fourth", "Blue Yonder", "Graphic",
    };

    private static readonly string[] NameEnds =
    {
        "Ltd", "Inc", "Traders", "Toys", "Bank", "Corporation", "Publishing", "Winery", "Travel", "Ski House",
        "Insurance", "Design", "Research", "Video", "Airlines", "Hotels", "Consulting", "Coffee", "Foods", "Energy",
    };

    /// <summary>Roles a generated relationship picks from (never Global Administrator, so any may auto-extend).</summary>
    private static readonly string[] CommonRoles =
    {
        BuiltInRoles.HelpdeskAdministrator, BuiltInRoles.UserAdministrator, BuiltInRoles.DirectoryReaders, BuiltInRoles.SecurityReader,
        BuiltInRoles.ExchangeAdministrator, BuiltInRoles.GlobalReader, "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "69091246-20e8-4a56-aa4d-066075b2a7a8",
        "3a2c62db-5318-420d-8d74-23affee5d9d5", "f023fd81-a637-4b56-95fd-791ac0226033", "4d6ac14f-3453-41d0-bef9-a3e0c569773a",
    };

    /// <summary>Generates <paramref name="customers"/> customers with relationships; returns how many customers were added.</summary>
    public static int Generate(SandboxState state, int customers, int seed)
    {
        if (customers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(customers), "The number of customers must be 0 or more.");
        }

        var random = new Random(seed);
        var now = state.Now;
        var customerList = new List<SandboxCustomer>(customers);
        var relationships = new List<SandboxRelationship>(customers);
        for (var i = 1; i <= customers; i++)
        {
            var tenantId = NextGuid(random);
            var name = $"{NameStarts[random.Next(NameStarts.Length)]} {NameEnds[random.Next(NameEnds.Length)]} {seed}-{i:D5}";
            var customer = new SandboxCustomer
            {
                TenantId = tenantId,
                CompanyName = name,
                Domain = SandboxState.DomainFor(name),
                ContractId = NextGuid(random),
                RelationshipToPartner = "reseller",
                AllowDelegatedAccess = true,
                ResellerSince = now - TimeSpan.FromDays(random.Next(30, 2000)),
            };
            customer.HasActiveSubscriptions = random.NextDouble() < 0.3;
            customerList.Add(customer);

            var roll = random.NextDouble();
            string? status;
            if (roll < 0.10)
            {
                status = null; // reseller customer without GDAP yet
            }
            else if (roll < 0.45)
            {
                status = RelationshipStatus.Active;
            }
            else if (roll < 0.60)
            {
                status = RelationshipStatus.ApprovalPending;
            }
            else if (roll < 0.68)
            {
                status = RelationshipStatus.Created;
            }
            else if (roll < 0.78)
            {
                status = RelationshipStatus.Expired;
            }
            else if (roll < 0.85)
            {
                status = RelationshipStatus.Terminated;
            }
            else if (roll < 0.92)
            {
                // A GDAP-only customer: never was (or no longer is) a reseller customer.
                customer.RelationshipToPartner = random.NextDouble() < 0.5 ? null : "none";
                customer.AllowDelegatedAccess = false;
                customer.HasActiveSubscriptions = false;
                status = RelationshipStatus.Active;
            }
            else
            {
                // The customer removed the partner's admin rights and ended GDAP.
                customer.AllowDelegatedAccess = false;
                status = RelationshipStatus.Terminated;
            }

            if (status is not null)
            {
                relationships.Add(GeneratedRelationship(random, customer, status, $"GDAP {customer.CompanyName}", now));
            }
        }

        return state.Import(customerList, relationships).Customers;
    }

    /// <summary>Loads a seed file; returns how many customers were added.</summary>
    public static int Load(SandboxState state, SeedFile file)
    {
        foreach (var app in file.Apps)
        {
            state.RegisterApp(app.ClientId, app.ClientSecret);
        }

        var added = file.Generate is { } g ? Generate(state, g.Customers, g.Seed) : 0;
        var now = state.Now;
        var customers = new List<SandboxCustomer>();
        var relationships = new List<SandboxRelationship>();
        foreach (var sc in file.Customers)
        {
            var tenantId = RelationshipRules.TenantId(sc.TenantId) ?? Guid.NewGuid().ToString();
            var customer = new SandboxCustomer
            {
                TenantId = tenantId,
                CompanyName = sc.DisplayName,
                Domain = sc.Domain ?? SandboxState.DomainFor(sc.DisplayName),
                RelationshipToPartner = sc.RelationshipToPartner,
                AllowDelegatedAccess = sc.AllowDelegatedAccess,
                HasActiveSubscriptions = sc.HasActiveSubscriptions,
                ResellerSince = sc.RelationshipToPartner is null ? null : now,
                Subscriptions = sc.Subscriptions?.Select(s => new SandboxSubscription(
                    s.Id ?? Guid.NewGuid().ToString(), s.OfferId, s.OfferName, s.FriendlyName ?? s.OfferName, s.TermDuration)).ToList(),
                IndirectResellers = sc.IndirectResellers.Select(r => new SandboxIndirectReseller(r.TenantId, r.MpnId, r.Name)).ToList(),
            };
            customers.Add(customer);
            foreach (var sr in sc.Relationships)
            {
                var roles = RelationshipRules.Roles(sr.Roles.Count == 0 ? new[] { BuiltInRoles.DirectoryReaders } : sr.Roles);
                var autoExtend = RelationshipRules.AutoExtendDuration(sr.AutoExtendDuration);
                RelationshipRules.AutoExtendAllowed(autoExtend, roles);
                var r = new SandboxRelationship
                {
                    Id = $"{Guid.NewGuid()}-{tenantId}",
                    IsReseller = sr.IndirectProviderTenantId is not null,
                    IndirectProviderTenantId = RelationshipRules.TenantId(sr.IndirectProviderTenantId),
                    IsPartnerConsentPending = sr.IsPartnerConsentPending,
                    DisplayName = RelationshipRules.DisplayName(sr.DisplayName),
                    Duration = RelationshipRules.Duration(sr.Duration),
                    AutoExtendDuration = autoExtend,
                    RoleDefinitionIds = roles,
                    CustomerTenantId = tenantId,
                    CustomerDisplayName = sc.DisplayName,
                    CreatedDateTime = now,
                };
                ApplyStatus(r, sr.Status, now, now);
                relationships.Add(r);
            }
        }

        return added + state.Import(customers, relationships).Customers;
    }

    private static SandboxRelationship GeneratedRelationship(Random random, SandboxCustomer customer, string status, string displayName, DateTimeOffset now)
    {
        var roleCount = random.Next(1, 4);
        var roles = new List<string>();
        while (roles.Count < roleCount)
        {
            var role = CommonRoles[random.Next(CommonRoles.Length)];
            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        var durationDays = random.Next(0, 4) switch { 0 => 90, 1 => 180, 2 => 365, _ => 730 };
        var age = TimeSpan.FromDays(random.Next(1, 89)) + TimeSpan.FromMinutes(random.Next(0, 1440));
        var relationship = new SandboxRelationship
        {
            Id = $"{NextGuid(random)}-{customer.TenantId}",
            DisplayName = displayName.Length <= RelationshipRules.MaxDisplayNameLength ? displayName : displayName.Substring(0, RelationshipRules.MaxDisplayNameLength),
            Duration = TimeSpan.FromDays(durationDays),
            AutoExtendDuration = random.NextDouble() < 0.3 ? SandboxState.AutoExtendPeriod : TimeSpan.Zero,
            RoleDefinitionIds = roles,
            CustomerTenantId = customer.TenantId,
            CustomerDisplayName = customer.CompanyName,
            CreatedDateTime = now - age - TimeSpan.FromDays(status is RelationshipStatus.Expired or RelationshipStatus.Terminated ? durationDays : 0),
        };
        ApplyStatus(relationship, status, now, relationship.CreatedDateTime + TimeSpan.FromHours(1));
        if (status == RelationshipStatus.Active)
        {
            relationship.AccessAssignments.Add(new SandboxAccessAssignment
            {
                Id = NextGuid(random),
                RelationshipId = relationship.Id,
                AccessContainerId = NextGuid(random),
                RoleDefinitionIds = new List<string>(roles),
                Status = AccessAssignmentStatus.Active,
                CreatedDateTime = relationship.ActivatedDateTime!.Value,
                LastModifiedDateTime = relationship.ActivatedDateTime!.Value,
            });
        }

        return relationship;
    }

    /// <summary>Sets the dates a relationship in <paramref name="status"/> has; <paramref name="since"/> is when it reached the status's start.</summary>
    private static void ApplyStatus(SandboxRelationship r, string status, DateTimeOffset now, DateTimeOffset since)
    {
        r.Status = status;
        switch (status)
        {
            case RelationshipStatus.Created:
                break;
            case RelationshipStatus.ApprovalPending:
                r.LockedForApprovalDateTime = since;
                break;
            case RelationshipStatus.Active:
                r.ActivatedDateTime = since;
                r.EndDateTime = since + r.Duration;
                break;
            case RelationshipStatus.Expired:
                r.ActivatedDateTime = since;
                r.EndDateTime = since + r.Duration <= now ? since + r.Duration : now;
                break;
            case RelationshipStatus.Terminated:
                r.ActivatedDateTime = since;
                r.EndDateTime = now - TimeSpan.FromDays(1) > since ? now - TimeSpan.FromDays(1) : now;
                break;
            default:
                throw new ArgumentException(
                    $"A seeded relationship can't start in status '{status}'; use created, approvalPending, active, terminated or expired.");
        }
    }

    private static string NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, so ids look like the real thing
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
