using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Tests.Workflow;

internal static class WorkflowTestData
{
    public static async Task<ResellerInvite> ResellerInviteAsync(WorkflowHarness h, string customer, string email, string? tenantId = null, IRelationshipStore? store = null)
    {
        var service = new InviteService(h.Config, store ?? h.Store, h.Clock);
        var request = new ResellerInviteRequest { CustomerName = customer, CustomerEmail = email, CustomerTenantId = tenantId };
        return (await service.RecordAsync(request, service.Prepare(request), CancellationToken.None)).Invite;
    }

    public static async Task<ResellerInvite> GranularInviteAsync(WorkflowHarness h, string customer = "Fabrikam Ltd", string? tenantId = null)
    {
        var service = new GranularInviteService(h.Config, h.Store, h.GraphGdap, h.Clock);
        var invite = (await service.CreateAsync(new GranularInviteRequest { CustomerName = customer, CustomerEmail = "admin@fabrikam.example", CustomerTenantId = tenantId })).Invite;
        h.State.CompletePendingWork(); // The service processes the lockForApproval request (it starts created).
        return invite;
    }

    /// <summary>A relationship created, locked and approved by the customer (active now).</summary>
    public static async Task<PartnerRelationships.Core.Remote.DelegatedAdminRelationshipInfo> ActiveRelationshipAsync(WorkflowHarness h, string displayName, string tenantId, string customerName, params string[] roleIds)
    {
        var created = await h.GraphGdap.CreateRelationshipAsync(new PartnerRelationships.Core.Remote.RelationshipSpec
        {
            DisplayName = displayName,
            CustomerTenantId = tenantId,
            CustomerName = customerName,
            Roles = roleIds.Length == 0 ? new[] { PartnerRelationships.Core.Roles.RoleCatalog.HelpdeskAdministrator, PartnerRelationships.Core.Roles.RoleCatalog.DirectoryReaders } : roleIds,
        });
        await h.GraphGdap.LockForApprovalAsync(created.Id);
        h.State.CompletePendingWork();
        h.State.ApproveAndActivate(created.Id, tenantId, customerName);
        return await h.GraphGdap.GetRelationshipAsync(created.Id);
    }

    public static InviteSyncService Sync(WorkflowHarness h, IRelationshipStore? store = null) =>
        new(store ?? h.Store, h.GraphGdap, h.PartnerCenter, h.Clock);

    public static async Task<List<InviteTransition>> RunAsync(InviteSyncService sync, InviteSyncOptions? options = null, IProgress<WorkProgress>? progress = null)
    {
        var list = new List<InviteTransition>();
        await foreach (var t in sync.SyncAsync(options, progress))
        {
            list.Add(t);
        }

        return list;
    }

    /// <summary>Records progress reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    public sealed class ProgressLog : IProgress<WorkProgress>
    {
        public List<WorkProgress> Reports { get; } = new();

        public void Report(WorkProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }
}
