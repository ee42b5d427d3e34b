using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Rules;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>Rule cases the sandbox scenario does not cover, on hand-made snapshots.</summary>
public class ComplianceRuleTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Readers = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    private const string Helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string Exchange = "29232cdf-9323-42fd-ade2-1d097af3e4de";

    private static ComplianceContext Context(ComplianceSettings? settings = null) => new(Now, settings ?? new ComplianceSettings());

    private static ComplianceRelationship Relationship(string id, string tenant, RelationshipStatus status, params string[] roles) => new()
    {
        Id = id,
        DisplayName = "GDAP " + id,
        CustomerTenantId = tenant,
        CustomerName = "Customer " + tenant,
        Status = status,
        Roles = roles.Length == 0 ? new[] { Readers } : roles,
        EndDateTime = Now.AddDays(300),
        AccessAssignments = status == RelationshipStatus.Active ? new[] { new ComplianceAccessAssignment("a-" + id, "g", "active", new[] { Readers }) } : null,
    };

    private static ComplianceSnapshot Snapshot(IEnumerable<InviteSummary>? invites = null, IEnumerable<ComplianceRelationship>? relationships = null, IEnumerable<ComplianceCustomer>? customers = null) =>
        new(Now, (invites ?? Array.Empty<InviteSummary>()).ToList(), (relationships ?? Array.Empty<ComplianceRelationship>()).ToList(), (customers ?? Array.Empty<ComplianceCustomer>()).ToList());

    [Fact]
    public void PR007_a_live_relationship_is_known_when_a_store_record_names_its_id_or_its_display_name_in_any_case()
    {
        var relationships = new[]
        {
            Relationship("by-id", "t1", RelationshipStatus.Active),
            Relationship("by-name", "t2", RelationshipStatus.ApprovalPending),
            Relationship("unknown", "t3", RelationshipStatus.Active),
            Relationship("ended", "t4", RelationshipStatus.Expired),
            Relationship("same-name-1", "t5", RelationshipStatus.Active) with { DisplayName = "Shared name" },
            Relationship("same-name-2", "t6", RelationshipStatus.Created) with { DisplayName = "Shared name" },
            Relationship("also-unknown", "t7", RelationshipStatus.Created),
        };
        var invites = new[]
        {
            new InviteSummary { Id = Guid.NewGuid(), CustomerName = "a", RelationshipId = "BY-ID" },
            new InviteSummary { Id = Guid.NewGuid(), CustomerName = "b", RelationshipDisplayName = "gdap BY-NAME" },
            new InviteSummary { Id = Guid.NewGuid(), CustomerName = "c", RelationshipDisplayName = "SHARED NAME" },
            new InviteSummary { Id = Guid.NewGuid(), CustomerName = "d", RelationshipId = "not-at-the-service", RelationshipDisplayName = "Nothing either" },
        };

        var findings = new RelationshipUnknownToStoreRule().Evaluate(Snapshot(invites, relationships), Context()).ToList();

        // In the service's order; the ended one is history, not drift; both relationships of a shared name are known.
        Assert.Equal(new[] { "PR007:relationship/unknown", "PR007:relationship/also-unknown" }, findings.Select(f => f.Key));
    }

    [Fact]
    public void PR003_store_says_admin_removed_for_a_customer_the_service_no_longer_shows()
    {
        var invite = new InviteSummary { Id = Guid.NewGuid(), CustomerName = "Kilo Ltd", Status = InviteStatus.AdminRemoved, StatusChangedAt = Now.AddDays(-3) };

        var finding = Assert.Single(new AdminPermissionsRemovedRule().Evaluate(Snapshot(invites: new[] { invite }), Context()));

        Assert.Equal($"PR003:invite/{invite.Id:D}", finding.Key);
        Assert.Equal(invite.Id, finding.InviteId);
        Assert.Contains("recorded 2025-02-26", finding.Message);
        Assert.Contains("If you are this customer's reseller", finding.Recommendation);
    }

    [Fact]
    public void PR003_not_raised_when_the_customer_moved_from_DAP_to_an_active_GDAP_relationship()
    {
        var customer = new ComplianceCustomer("t1", "Lima", "reseller", AllowDelegatedAccess: false);
        var snapshot = Snapshot(
            relationships: new[] { Relationship("old", "t1", RelationshipStatus.Terminated), Relationship("new", "t1", RelationshipStatus.Active) },
            customers: new[] { customer });

        Assert.Empty(new AdminPermissionsRemovedRule().Evaluate(snapshot, Context()));
    }

    [Fact]
    public void PR003_not_raised_when_Partner_Center_leaves_allowDelegatedAccess_out()
    {
        // get-a-list-of-customers' own example has no allowDelegatedAccess: absent is unknown, never a finding.
        var customer = new ComplianceCustomer("t1", "November", "reseller", AllowDelegatedAccess: null);

        Assert.Empty(new AdminPermissionsRemovedRule().Evaluate(Snapshot(customers: new[] { customer }), Context()));
        Assert.Single(new AdminPermissionsRemovedRule().Evaluate(Snapshot(customers: new[] { customer with { AllowDelegatedAccess = false } }), Context()));
    }

    [Fact]
    public void PR003_merges_every_reason_for_a_customer_into_one_finding()
    {
        var customer = new ComplianceCustomer("t1", "Mike", "reseller", AllowDelegatedAccess: false);
        var invite = new InviteSummary { Id = Guid.NewGuid(), CustomerName = "Mike", CustomerTenantId = "t1", Status = InviteStatus.Terminated, RelationshipId = "r1" };
        var snapshot = Snapshot(new[] { invite }, new[] { Relationship("r1", "t1", RelationshipStatus.Terminated) }, new[] { customer });

        var finding = Assert.Single(new AdminPermissionsRemovedRule().Evaluate(snapshot, Context()));

        Assert.Equal("PR003:customer/t1", finding.Key);
        Assert.Contains("removed or reassigned your admin permissions", finding.Message);
        Assert.Contains("'GDAP r1' was terminated", finding.Message);
        Assert.Contains("ended the relationship", finding.Message);
        Assert.StartsWith("You remain responsible", finding.Recommendation);
    }

    [Fact]
    public void PR004_forbidden_roles_by_name_or_id_and_relationships_awaiting_approval()
    {
        var settings = new ComplianceSettings { ForbiddenRoles = { "exchange administrator", Helpdesk } };
        var snapshot = Snapshot(relationships: new[]
        {
            Relationship("ex", "t1", RelationshipStatus.Active, Readers, Exchange),
            Relationship("hd", "t2", RelationshipStatus.ApprovalPending, Helpdesk),
            Relationship("ok", "t3", RelationshipStatus.Active, Readers),
            Relationship("gone", "t4", RelationshipStatus.Expired, ComplianceRoles.GlobalAdministrator),
        });

        var findings = new OverPrivilegedRelationshipRule().Evaluate(snapshot, Context(settings)).ToList();

        Assert.Equal(new[] { "PR004:relationship/ex", "PR004:relationship/hd" }, findings.Select(f => f.Key));
        Assert.Contains("grants Exchange Administrator.", findings[0].Message);
        Assert.Contains("asks for Helpdesk Administrator (status ApprovalPending)", findings[1].Message);
    }

    [Fact]
    public void An_unknown_forbidden_role_name_fails_with_a_suggestion()
    {
        var ex = Assert.Throws<PartnerRelationshipsException>(() => Context(new ComplianceSettings { ForbiddenRoles = { "Exchange Administator" } }));

        Assert.Equal("UnknownForbiddenRole", ex.ErrorId);
        Assert.Contains("Did you mean 'Exchange Administrator'?", ex.Message);
    }

    [Fact]
    public void PR008_a_store_relationship_the_service_does_not_know()
    {
        var invite = new InviteSummary { Id = Guid.NewGuid(), Kind = InviteKind.GranularAdmin, CustomerName = "Nov", Status = InviteStatus.Accepted, RelationshipId = "missing" };
        var cancelled = invite with { Id = Guid.NewGuid(), Status = InviteStatus.Cancelled, RelationshipId = "missing-too" };

        var finding = Assert.Single(new StoreContradictsServiceRule().Evaluate(Snapshot(invites: new[] { invite, cancelled }), Context()));

        Assert.Equal($"PR008:invite/{invite.Id:D}", finding.Key);
        Assert.Contains("has no relationship with that id", finding.Message);
    }

    [Fact]
    public void PR008_an_accepted_invite_is_not_contradicted_by_a_termination_under_way_but_is_by_one_done()
    {
        var invites = new[] { "requested", "ending", "ended" }.Select(id => new InviteSummary
        {
            Id = Guid.NewGuid(), Kind = InviteKind.GranularAdmin, CustomerName = "Papa", CustomerTenantId = "t1", Status = InviteStatus.Accepted, RelationshipId = id,
        }).ToArray();
        var snapshot = Snapshot(invites, relationships: new[]
        {
            Relationship("requested", "t1", RelationshipStatus.TerminationRequested),
            Relationship("ending", "t1", RelationshipStatus.Terminating),
            Relationship("ended", "t1", RelationshipStatus.Terminated),
        });

        var finding = Assert.Single(new StoreContradictsServiceRule().Evaluate(snapshot, Context()));

        Assert.Equal($"PR008:invite/{invites[2].Id:D}", finding.Key);
        Assert.Contains("is Accepted, but the service says it is Terminated", finding.Message);
    }

    [Fact]
    public void PR008_an_accepted_reseller_customer_Partner_Center_does_not_list()
    {
        var invite = new InviteSummary { Id = Guid.NewGuid(), Kind = InviteKind.Reseller, CustomerName = "Oscar", CustomerTenantId = "t9", Status = InviteStatus.Accepted };
        var snapshot = Snapshot(new[] { invite }, customers: new[] { new ComplianceCustomer("t1", "Other", "reseller", true) });

        var finding = Assert.Single(new StoreContradictsServiceRule().Evaluate(snapshot, Context()));

        Assert.Contains("does not list tenant t9", finding.Message);
    }

    [Fact]
    public void PR009_equal_roles_report_the_relationship_that_ends_first_only()
    {
        var longer = Relationship("long", "t1", RelationshipStatus.Active) with { EndDateTime = Now.AddDays(500) };
        var shorter = Relationship("short", "t1", RelationshipStatus.Active) with { EndDateTime = Now.AddDays(100) };
        var different = Relationship("other", "t1", RelationshipStatus.Active, Exchange);

        var finding = Assert.Single(new OverlappingActiveRelationshipsRule().Evaluate(Snapshot(relationships: new[] { longer, shorter, different }), Context()));

        Assert.Equal("PR009:relationship/short", finding.Key);
        Assert.Contains("'GDAP long'", finding.Message);
    }

    [Fact]
    public void PR002_threshold_and_auto_extend()
    {
        var settings = new ComplianceSettings { ExpiringWithinDays = 10 };
        var snapshot = Snapshot(relationships: new[]
        {
            Relationship("soon", "t1", RelationshipStatus.Active) with { EndDateTime = Now.AddDays(9) },
            Relationship("later", "t2", RelationshipStatus.Active) with { EndDateTime = Now.AddDays(11) },
            Relationship("extends", "t3", RelationshipStatus.Active) with { EndDateTime = Now.AddDays(2), AutoExtendDuration = TimeSpan.FromDays(180) },
        });

        var finding = Assert.Single(new RelationshipExpiringWithoutAutoExtendRule().Evaluate(snapshot, Context(settings)));

        Assert.Equal("PR002:relationship/soon", finding.Key);
        Assert.Contains("ends on 2025-03-10 (in 9 days)", finding.Message);
    }

    [Fact]
    public void Every_built_in_rule_has_a_unique_id_name_and_the_documented_severity()
    {
        var rules = BuiltInRules.All;

        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"PR{n:D3}"), rules.Select(r => r.Id));
        Assert.Equal(rules.Count, rules.Select(r => r.Name).Distinct().Count());
        Assert.All(rules, r => Assert.Equal(typeof(ComplianceRuleIds).GetField(r.Name)!.GetValue(null), r.Id));
        Assert.All(rules, r => Assert.Equal(typeof(RuleSeverities).GetField(r.Name)!.GetValue(null), r.Severity));
    }
}
