using System.Net.Http.Json;
using Microsoft.Graph.Models;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Tests;

/// <summary>created → approvalPending → active → terminationRequested → terminated, and the ways out: reject, expiry, auto-extend.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Customer_approval_activates_with_endDateTime_activated_plus_duration()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships.PostAsync(
            SandboxHarness.NewRelationship("Approve me", duration: TimeSpan.FromDays(365)));
        await sandbox.LockAsync(created!.Id!);
        sandbox.Server.Clock.Advance(TimeSpan.FromDays(3));

        await sandbox.ControlAsync($"_sandbox/relationships/{created.Id}/approve", new { displayName = "Contoso Ltd" });

        // A real relationship passes through approved and activating before active, on the service's clock.
        var approved = await sandbox.GetAsync(created.Id!);
        Assert.Equal(DelegatedAdminRelationshipStatus.Approved, approved!.Status);
        Assert.Null(approved.ActivatedDateTime);
        sandbox.Time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(DelegatedAdminRelationshipStatus.Activating, (await sandbox.GetAsync(created.Id!))!.Status);
        sandbox.Time.Advance(TimeSpan.FromSeconds(2.5));
        var active = await sandbox.GetAsync(created.Id!);

        var activatedAt = SandboxHarness.Start + TimeSpan.FromDays(3) + TimeSpan.FromSeconds(5);
        Assert.Equal(DelegatedAdminRelationshipStatus.Active, active!.Status);
        Assert.Equal(activatedAt, active.ActivatedDateTime);
        Assert.Equal(activatedAt + TimeSpan.FromDays(365), active.EndDateTime);
        Assert.Equal("Contoso Ltd", active.Customer!.DisplayName);
    }

    [Fact]
    public async Task Approve_needs_approvalPending()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Not locked");

        using var response = await sandbox.Anonymous.PostAsync($"_sandbox/relationships/{created!.Id}/approve", null);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"badRequest\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_declined_request_shows_as_expired_without_activation_because_GDAP_has_no_rejected_status()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Decline me");
        await sandbox.LockAsync(created!.Id!);

        await sandbox.ControlAsync($"_sandbox/relationships/{created.Id}/reject");
        var declined = await sandbox.GetAsync(created.Id!);

        Assert.Equal(DelegatedAdminRelationshipStatus.Expired, declined!.Status);
        Assert.Null(declined.ActivatedDateTime);
        Assert.Equal(SandboxHarness.Start, declined.EndDateTime);
    }

    [Fact]
    public async Task A_request_never_approved_expires_after_90_days_of_sandbox_clock()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var created = await sandbox.CreateAsync("Ignored");
        await sandbox.LockAsync(created!.Id!);

        sandbox.Server.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1));
        Assert.Equal(DelegatedAdminRelationshipStatus.ApprovalPending, (await sandbox.GetAsync(created.Id!))!.Status);
        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 1 });
        var expired = await sandbox.GetAsync(created.Id!);

        Assert.Equal(DelegatedAdminRelationshipStatus.Expired, expired!.Status);
        Assert.Null(expired.ActivatedDateTime);
        Assert.Equal(SandboxHarness.Start + TimeSpan.FromDays(90), expired.EndDateTime);
    }

    [Fact]
    public async Task Expiry_happens_lazily_when_the_underlying_time_moves()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Short", duration: TimeSpan.FromDays(1));

        // The underlying clock moving (real time in a process) is enough: the next call notices the due expiry.
        sandbox.Time.Advance(TimeSpan.FromDays(1));
        var relationship = await sandbox.GetAsync(active.Id!);

        Assert.Equal(DelegatedAdminRelationshipStatus.Expired, relationship!.Status);
        Assert.Equal(active.EndDateTime, relationship.EndDateTime);
    }

    [Fact]
    public async Task An_active_relationship_past_its_end_expires_unless_auto_extended_by_180_days()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var plain = await sandbox.CreateActiveAsync("Plain", duration: TimeSpan.FromDays(10));
        var extending = await sandbox.CreateActiveAsync("Extending", duration: TimeSpan.FromDays(10), autoExtend: TimeSpan.FromDays(180));

        sandbox.Server.Clock.Advance(TimeSpan.FromDays(10));

        var expired = await sandbox.GetAsync(plain.Id!);
        var extended = await sandbox.GetAsync(extending.Id!);
        Assert.Equal(DelegatedAdminRelationshipStatus.Expired, expired!.Status);
        Assert.Equal(DelegatedAdminRelationshipStatus.Active, extended!.Status);
        Assert.Equal(extending.EndDateTime + TimeSpan.FromDays(180), extended.EndDateTime);
    }

    [Fact]
    public async Task Partner_terminate_goes_through_terminationRequested_to_terminated()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Terminate");

        var request = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].Requests.PostAsync(
            new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate });

        // delegatedadminrelationship-post-requests: the request starts created; the relationship moves afterwards.
        Assert.Equal(DelegatedAdminRelationshipRequestStatus.Created, request!.Status);
        Assert.Equal(DelegatedAdminRelationshipStatus.Active, (await sandbox.GetAsync(active.Id!))!.Status);
        sandbox.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(DelegatedAdminRelationshipStatus.TerminationRequested, (await sandbox.GetAsync(active.Id!))!.Status);
        var pending = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].Requests[request.Id].GetAsync();
        Assert.Equal(DelegatedAdminRelationshipRequestStatus.Pending, pending!.Status);
        sandbox.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminating, (await sandbox.GetAsync(active.Id!))!.Status);

        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 1 });

        var terminated = await sandbox.GetAsync(active.Id!);
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminated, terminated!.Status);
        Assert.Equal(SandboxHarness.Start + TimeSpan.FromSeconds(5), terminated.EndDateTime);
        var finished = await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].Requests[request.Id].GetAsync();
        Assert.Equal(DelegatedAdminRelationshipRequestStatus.Succeeded, finished!.Status);
    }

    [Fact]
    public async Task A_terminate_request_the_service_fails_leaves_the_relationship_active()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Fail terminate");
        var requests = sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].Requests;
        var request = await requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate });

        var failed = await sandbox.ControlAsync($"_sandbox/relationships/{active.Id}/requests/{request!.Id}/fail");

        Assert.Equal("failed", (string)failed["status"]!);
        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 10 });
        Assert.Equal(DelegatedAdminRelationshipStatus.Active, (await sandbox.GetAsync(active.Id!))!.Status);
        Assert.Equal(DelegatedAdminRelationshipRequestStatus.Failed, (await requests[request.Id].GetAsync())!.Status);
        // Only a request not yet processed can fail; and the partner can ask again.
        using var again = await sandbox.Anonymous.PostAsJsonAsync($"_sandbox/relationships/{active.Id}/requests/{request.Id}/fail", new { });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, again.StatusCode);
        await requests.PostAsync(new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate });
        await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 5 });
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminated, (await sandbox.GetAsync(active.Id!))!.Status);
    }

    [Fact]
    public async Task Termination_also_completes_on_its_own_after_the_pending_work_delay()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions
        {
            TimeProvider = o.TimeProvider, Delay = o.Delay, PendingWorkDelay = TimeSpan.FromSeconds(30),
        });
        var active = await sandbox.CreateActiveAsync("Terminate later");
        await sandbox.Graph.TenantRelationships.DelegatedAdminRelationships[active.Id].Requests.PostAsync(
            new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.Terminate });

        sandbox.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(DelegatedAdminRelationshipStatus.TerminationRequested, (await sandbox.GetAsync(active.Id!))!.Status);
        sandbox.Time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminating, (await sandbox.GetAsync(active.Id!))!.Status);
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminated, (await sandbox.GetAsync(active.Id!))!.Status);
    }

    [Fact]
    public async Task Customer_side_terminate_and_forced_expiry_end_the_relationship_at_once()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var first = await sandbox.CreateActiveAsync("Customer ends");
        var second = await sandbox.CreateActiveAsync("Expire now", autoExtend: TimeSpan.FromDays(180));

        await sandbox.ControlAsync($"_sandbox/relationships/{first.Id}/terminate");
        await sandbox.ControlAsync($"_sandbox/relationships/{second.Id}/expire");

        Assert.Equal(DelegatedAdminRelationshipStatus.Terminated, (await sandbox.GetAsync(first.Id!))!.Status);
        Assert.Equal(DelegatedAdminRelationshipStatus.Expired, (await sandbox.GetAsync(second.Id!))!.Status);
    }

    [Fact]
    public async Task Removing_admin_rights_ends_the_customers_gdap_relationships()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var active = await sandbox.CreateActiveAsync("Admin removed");
        var tenant = active.Customer!.TenantId!;

        var customer = await sandbox.ControlAsync($"_sandbox/customers/{tenant}/reassign-admin", new { partnerName = "Other Partner" });

        Assert.False((bool)customer["allowDelegatedAccess"]!);
        Assert.Equal(DelegatedAdminRelationshipStatus.Terminated, (await sandbox.GetAsync(active.Id!))!.Status);
        Assert.Equal("Other Partner", sandbox.State.FindCustomer(tenant)!.AdminReassignedTo);
    }

    [Fact]
    public async Task Clock_control_reports_and_advances_the_sandbox_time()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var after = await sandbox.ControlAsync("_sandbox/clock/advance", new { seconds = 3600 });

        Assert.Equal(SandboxHarness.Start.AddHours(1), DateTimeOffset.Parse((string)after["now"]!, System.Globalization.CultureInfo.InvariantCulture));
        using var bad = await sandbox.Anonymous.PostAsync("_sandbox/clock/advance",
            new StringContent("{\"seconds\":-1}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task State_summary_and_reset()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        await sandbox.CreateAsync("One");
        await sandbox.CreateActiveAsync("Two");

        using var summary = await sandbox.Anonymous.GetAsync("_sandbox/state");
        var text = await summary.Content.ReadAsStringAsync();
        Assert.Contains("\"relationships\":2", text);
        Assert.Contains("\"created\":1", text);
        Assert.Contains("\"active\":1", text);

        await sandbox.ControlAsync("_sandbox/reset");
        Assert.Empty(sandbox.State.Relationships);
    }
}
