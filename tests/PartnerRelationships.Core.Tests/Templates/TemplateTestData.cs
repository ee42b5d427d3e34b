using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Tests.Workflow;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Templates;

internal static class TemplateTestData
{
    public const string Agents = "11111111-2222-3333-4444-555555555555";
    public const string Managers = "22222222-3333-4444-5555-666666666666";
    public const string Stray = "33333333-4444-5555-6666-777777777777";

    /// <summary>"Support": Helpdesk Administrator + Directory Readers + User Administrator; agents get the first two, managers the third.</summary>
    public static AccessTemplateSettings Support() => new()
    {
        Name = "Support",
        Roles = { "Helpdesk Administrator", "Directory Readers", "User Administrator" },
        Duration = "P180D",
        AutoExtend = true,
        DisplayNamePrefix = "SUP ",
        Groups =
        {
            new AccessTemplateGroupSettings { Id = Agents, Name = "Agents", Roles = { "Helpdesk Administrator", "Directory Readers" } },
            new AccessTemplateGroupSettings { Id = Managers, Name = "Managers", Roles = { "User Administrator" } },
        },
    };

    public static void AddSupport(WorkflowHarness h)
    {
        if (!h.Config.Templates.Any(t => t.Name == "Support"))
        {
            h.Config.Templates.Add(Support());
        }
    }

    public static async Task<ResellerInvite> TemplatedInviteAsync(WorkflowHarness h, string customer, string tenantId)
    {
        AddSupport(h);
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);
        var invite = (await service.CreateAsync(new GranularInviteRequest
        {
            CustomerName = customer, CustomerEmail = "admin@" + customer.Replace(" ", "").ToLowerInvariant() + ".example", CustomerTenantId = tenantId, AccessTemplate = "support",
        })).Invite;
        h.State.CompletePendingWork(); // The service processes the lockForApproval request (it starts created).
        return invite;
    }

    /// <summary>An invite from the template, approved by the customer and synced (template applied, work completed).</summary>
    public static async Task<ResellerInvite> AcceptedAsync(WorkflowHarness h, string customer, string tenantId)
    {
        var invite = await TemplatedInviteAsync(h, customer, tenantId);
        h.State.ApproveAndActivate(invite.RelationshipId!, tenantId, customer);
        await WorkflowTestData.RunAsync(WorkflowTestData.Sync(h), new InviteSyncOptions { Templates = AccessTemplates.All(h.Config), InviteIds = new[] { invite.Id } });
        h.State.CompletePendingWork();
        return (await h.Store.GetInviteAsync(invite.Id))!;
    }
}
