using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PartnerRelationships.Sandbox.Seeding;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Tests;

public sealed class SeedingTests
{
    [Fact]
    public async Task Ten_thousand_customers_seed_in_seconds_with_relationships_in_assorted_states()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var watch = Stopwatch.StartNew();
        var added = SandboxSeeder.Generate(sandbox.State, 10_000, seed: 1);
        watch.Stop();

        Assert.Equal(10_000, added);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"seeding took {watch.Elapsed}");
        var relationships = sandbox.State.Relationships;
        var byStatus = relationships.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        foreach (var status in new[] { RelationshipStatus.Created, RelationshipStatus.ApprovalPending, RelationshipStatus.Active, RelationshipStatus.Expired, RelationshipStatus.Terminated })
        {
            Assert.True(byStatus.GetValueOrDefault(status) > 100, $"{status}: {byStatus.GetValueOrDefault(status)}");
        }

        Assert.All(relationships, r => Assert.InRange(r.DisplayName.Length, 1, 50));
        Assert.Equal(relationships.Count, relationships.Select(r => r.DisplayName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(relationships.Where(r => r.Status == RelationshipStatus.Active), r =>
        {
            Assert.True(r.EndDateTime > SandboxHarness.Start);
            Assert.Equal(r.ActivatedDateTime + r.Duration, r.EndDateTime);
        });
        var customers = sandbox.State.Customers;
        Assert.Contains(customers, c => !c.IsResellerCustomer);
        Assert.Contains(customers, c => c.IsResellerCustomer && c.AllowDelegatedAccess == false);
        Assert.Contains(customers, c => c.HasActiveSubscriptions);
    }

    [Fact]
    public async Task All_seeded_reseller_customers_can_be_walked_with_continuation_tokens()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider, Delay = o.Delay, SeedCustomers = 2_000, Seed = 4,
        });

        var seen = 0;
        string? continuation = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers?size=500");
            if (continuation is not null)
            {
                request.Headers.Add("MS-ContinuationToken", continuation);
            }

            using var response = await sandbox.Http.SendAsync(request);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            seen += page["items"]!.AsArray().Count;
            continuation = (string?)page["continuationToken"];
        }
        while (continuation is not null);

        Assert.Equal(sandbox.State.Customers.Count(c => c.IsResellerCustomer), seen);
    }

    [Fact]
    public async Task Generation_is_deterministic_for_a_seed()
    {
        await using var one = await SandboxHarness.StartAsync();
        await using var two = await SandboxHarness.StartAsync();
        await using var other = await SandboxHarness.StartAsync();

        SandboxSeeder.Generate(one.State, 300, seed: 21);
        SandboxSeeder.Generate(two.State, 300, seed: 21);
        SandboxSeeder.Generate(other.State, 300, seed: 22);

        static List<string> Fingerprint(SandboxHarness s) =>
            s.State.Relationships.Select(r => $"{r.Id}|{r.DisplayName}|{r.Status}|{r.EndDateTime:O}").ToList();
        Assert.Equal(Fingerprint(one), Fingerprint(two));
        Assert.NotEqual(Fingerprint(one), Fingerprint(other));
    }

    [Fact]
    public async Task The_seed_control_adds_customers_and_seeding_twice_is_harmless()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var first = await sandbox.ControlAsync("_sandbox/seed", new { customers = 50, seed = 3 });
        var again = await sandbox.ControlAsync("_sandbox/seed", new { customers = 50, seed = 3 });

        Assert.Equal(50, (int)first["customersAdded"]!);
        Assert.Equal(0, (int)again["customersAdded"]!);
        Assert.Equal(50, sandbox.State.Customers.Count);
    }

    [Fact]
    public async Task A_seed_file_loads_apps_customers_and_relationships()
    {
        var tenant = Guid.NewGuid().ToString();
        using var folder = new TempFolder();
        var path = folder.File("seed.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              // comments are allowed
              "generate": { "customers": 10, "seed": 2 },
              "apps": [ { "clientId": "app-1", "clientSecret": "pw" } ],
              "customers": [
                {
                  "tenantId": "{{tenant}}", "displayName": "Seeded Contoso", "hasActiveSubscriptions": true,
                  "relationships": [
                    { "displayName": "Seeded active", "status": "active", "duration": "P365D", "roles": [ "{{BuiltInRoles.HelpdeskAdministrator}}" ] },
                    { "displayName": "Seeded pending", "status": "approvalPending" }
                  ]
                }
              ]
            }
            """);
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider, Delay = o.Delay, SeedFile = path,
        });

        Assert.Equal(11, sandbox.State.Customers.Count);
        Assert.True(sandbox.State.FindCustomer(tenant)!.HasActiveSubscriptions);
        var active = sandbox.State.FindRelationshipByDisplayName("Seeded active")!;
        Assert.Equal(RelationshipStatus.Active, active.Status);
        Assert.Equal(SandboxHarness.Start + TimeSpan.FromDays(365), active.EndDateTime);
        Assert.Equal(RelationshipStatus.ApprovalPending, sandbox.State.FindRelationshipByDisplayName("Seeded pending")!.Status);
        using var token = await sandbox.Anonymous.PostAsync("t/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "app-1", ["client_secret"] = "pw", ["scope"] = "x/.default",
        }));
        Assert.Equal(System.Net.HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Seeded_relationships_keep_their_lifecycle_on_the_clock()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        SandboxSeeder.Generate(sandbox.State, 500, seed: 6);
        var pendingBefore = sandbox.State.Relationships.Count(r => r.Status == RelationshipStatus.ApprovalPending);
        Assert.True(pendingBefore > 0);

        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = TimeSpan.FromDays(90).TotalSeconds });

        Assert.Equal(0, sandbox.State.Relationships.Count(r => r.Status == RelationshipStatus.ApprovalPending));
    }
}
