using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Compares customers' access assignments with a template (<see cref="PlanAsync"/>, read-only) and applies one plan
/// item at a time (<see cref="ApplyAsync"/>, so the cmdlet asks ShouldProcess per change). Changes and removals carry
/// the ETag read while planning: if someone changed the assignment since, the apply fails instead of overwriting.
/// </summary>
/// <remarks>
/// Per customer the template is compared with one active relationship: one whose invite recorded this template (when a
/// store is given), else the most recently activated one whose roles cover the template, else the one missing the fewest
/// roles. Whether groups still exist is asked once per group when the Graph GDAP client can (<see cref="ISecurityGroupDirectory"/>).
/// </remarks>
public sealed class TemplatePlanner
{
    public const string Activity = "Comparing access with a template";

    private readonly IGraphGdapClient _graphGdap;
    private readonly IRelationshipStore? _store;

    public TemplatePlanner(IGraphGdapClient graphGdap, IRelationshipStore? store = null)
    {
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _store = store;
    }

    /// <summary>The plan for customers (tenant ids, e.g. from Get-PartnerCustomer on the pipeline).</summary>
    public async Task<AccessPlan> PlanAsync(AccessTemplate template, IEnumerable<string> customerTenantIds, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        var tenants = (customerTenantIds ?? throw new ArgumentNullException(nameof(customerTenantIds))).Select(t => TenantIds.Require(t)).Distinct().ToList();
        var recorded = await RelationshipsRecordedWithAsync(template, cancellationToken).ConfigureAwait(false);
        var groups = new GroupCheck(_graphGdap);
        var items = new List<AccessPlanItem>();
        var checkedCount = 0;
        for (var i = 0; i < tenants.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress(Activity, $"Customer {tenants[i]}", i, tenants.Count));
            var relationships = await _graphGdap.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenants[i] }, cancellationToken)
                .CollectAsync(cancellationToken).ConfigureAwait(false);

            var target = Choose(template, relationships.Where(IsActive).ToList(), recorded);
            if (target is null)
            {
                items.Add(new AccessPlanItem
                {
                    Kind = AccessPlanItemKind.RelationshipCannotSatisfy,
                    Template = template.Name,
                    CustomerTenantId = tenants[i],
                    CustomerName = relationships.Select(r => r.CustomerName).FirstOrDefault(n => !string.IsNullOrEmpty(n)),
                    MissingRoles = template.AssignedRoles,
                });
                continue;
            }

            checkedCount++;
            items.AddRange(await PlanRelationshipAsync(template, target, groups, cancellationToken).ConfigureAwait(false));
        }

        progress?.Report(new WorkProgress(Activity, "Done", tenants.Count, tenants.Count));
        return new AccessPlan(template, items, checkedCount);
    }

    /// <summary>The plan for given relationships (each must be active to carry assignments).</summary>
    public async Task<AccessPlan> PlanRelationshipsAsync(AccessTemplate template, IEnumerable<DelegatedAdminRelationshipInfo> relationships, CancellationToken cancellationToken = default)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        var groups = new GroupCheck(_graphGdap);
        var items = new List<AccessPlanItem>();
        var list = (relationships ?? throw new ArgumentNullException(nameof(relationships))).ToList();
        foreach (var relationship in list)
        {
            items.AddRange(await PlanRelationshipAsync(template, relationship, groups, cancellationToken).ConfigureAwait(false));
        }

        return new AccessPlan(template, items, list.Count);
    }

    /// <summary>
    /// Applies one item of <paramref name="plan"/>: the assignment as it now stands for Add and Change, null for Remove.
    /// Items that need a person (RelationshipCannotSatisfy, GroupMissing) fail with TemplateItemNotApplicable.
    /// </summary>
    public async Task<AccessAssignmentInfo?> ApplyAsync(AccessPlan plan, AccessPlanItem item, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        if (item is null) throw new ArgumentNullException(nameof(item));
        if (!plan.Items.Contains(item))
        {
            throw new ArgumentException("The item is not part of the plan.", nameof(item));
        }

        return await ApplyItemAsync(item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies one plan item on its own (e.g. piped from Compare-AdminPermission into Invoke-AdminPermissionPlan, where
    /// the plan object is gone): the item carries everything needed, including the ETag read while planning.
    /// </summary>
    public async Task<AccessAssignmentInfo?> ApplyItemAsync(AccessPlanItem item, CancellationToken cancellationToken = default)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        switch (item.Kind)
        {
            case AccessPlanItemKind.Add:
                return await _graphGdap.CreateOrUpdateAccessAssignmentAsync(item.RelationshipId!, new AccessAssignmentSpec(item.GroupId!, item.Roles.Select(r => r.Id).ToList()),
                    null, cancellationToken).ConfigureAwait(false);
            case AccessPlanItemKind.Change:
                return await _graphGdap.CreateOrUpdateAccessAssignmentAsync(item.RelationshipId!, new AccessAssignmentSpec(item.GroupId!, item.Roles.Select(r => r.Id).ToList()),
                    item.ETag, cancellationToken).ConfigureAwait(false); // null: the ETag of the assignment as just read, never "*"
            case AccessPlanItemKind.Remove:
                if (_graphGdap is not IAccessAssignmentRemoval removal)
                {
                    throw new PartnerRelationshipsException(ErrorIds.Template.TemplateItemNotApplicable, ErrorKind.NotImplemented,
                        $"{item.Description}: this connection can't delete access assignments.", item.AssignmentId);
                }

                // If-Match carries an ETag read from the service (nothing documents "*"): the plan's, or a fresh read.
                var etag = item.ETag
                    ?? (await _graphGdap.ListAccessAssignmentsAsync(item.RelationshipId!, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Id == item.AssignmentId)?.ETag
                    ?? throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteNotFound, ErrorKind.ObjectNotFound,
                        $"{item.Description}: the assignment {item.AssignmentId} is no longer there (or came without an ETag). Plan again.", item.AssignmentId);
                await removal.DeleteAccessAssignmentAsync(item.RelationshipId!, item.AssignmentId!, etag, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                throw new PartnerRelationshipsException(ErrorIds.Template.TemplateItemNotApplicable, ErrorKind.InvalidOperation,
                    $"{item.Description}. Applying the plan can't do this for you.", (object?)item.RelationshipId ?? item.CustomerTenantId);
        }
    }

    private async Task<IReadOnlyList<AccessPlanItem>> PlanRelationshipAsync(AccessTemplate template, DelegatedAdminRelationshipInfo relationship, GroupCheck groups, CancellationToken cancellationToken)
    {
        var tenant = relationship.CustomerTenantId ?? "";
        AccessPlanItem Item(AccessPlanItemKind kind) => new()
        {
            Kind = kind,
            Template = template.Name,
            CustomerTenantId = tenant,
            CustomerName = relationship.CustomerName,
            RelationshipId = relationship.Id,
            RelationshipName = relationship.DisplayName,
        };

        var items = new List<AccessPlanItem>();
        var missing = Missing(template.AssignedRoles, relationship);
        if (missing.Count > 0 || !IsActive(relationship))
        {
            items.Add(Item(AccessPlanItemKind.RelationshipCannotSatisfy) with { MissingRoles = IsActive(relationship) ? missing : template.AssignedRoles });
            if (!IsActive(relationship))
            {
                return items; // Only active relationships carry assignments.
            }
        }

        var assignments = (await _graphGdap.ListAccessAssignmentsAsync(relationship.Id, cancellationToken).ConfigureAwait(false))
            .Where(a => a.Status is not ("deleted" or "deleting"))
            .ToList();
        foreach (var group in template.Groups)
        {
            var existing = assignments.FirstOrDefault(a => string.Equals(a.SecurityGroupId, group.Id, StringComparison.OrdinalIgnoreCase));
            if (!await groups.ExistsAsync(group.Id, cancellationToken).ConfigureAwait(false))
            {
                items.Add(Item(AccessPlanItemKind.GroupMissing) with
                {
                    GroupId = group.Id, GroupName = group.Name, AssignmentId = existing?.Id, CurrentRoleIds = existing?.Roles ?? Array.Empty<string>(),
                });
                continue;
            }

            if (Missing(group.Roles, relationship).Count > 0)
            {
                continue; // Reported once for the relationship above.
            }

            if (existing is null)
            {
                items.Add(Item(AccessPlanItemKind.Add) with { GroupId = group.Id, GroupName = group.Name, Roles = group.Roles });
            }
            else if (!new HashSet<string>(existing.Roles, StringComparer.OrdinalIgnoreCase).SetEquals(group.RoleIds))
            {
                items.Add(Item(AccessPlanItemKind.Change) with
                {
                    GroupId = group.Id, GroupName = group.Name, Roles = group.Roles, CurrentRoleIds = existing.Roles, AssignmentId = existing.Id, ETag = existing.ETag,
                });
            }
        }

        foreach (var other in assignments.Where(a => !template.Groups.Any(g => string.Equals(g.Id, a.SecurityGroupId, StringComparison.OrdinalIgnoreCase))))
        {
            items.Add(Item(AccessPlanItemKind.Remove) with { GroupId = other.SecurityGroupId, CurrentRoleIds = other.Roles, AssignmentId = other.Id, ETag = other.ETag });
        }

        return items;
    }

    private static DelegatedAdminRelationshipInfo? Choose(AccessTemplate template, IReadOnlyList<DelegatedAdminRelationshipInfo> active, ISet<string> recorded)
    {
        if (active.Count == 0) return null;
        var newestFirst = active.OrderByDescending(r => r.ActivatedDateTime ?? r.CreatedDateTime ?? DateTimeOffset.MinValue).ToList();
        return newestFirst.FirstOrDefault(r => recorded.Contains(r.Id))
               ?? newestFirst.FirstOrDefault(r => Missing(template.AssignedRoles, r).Count == 0)
               ?? newestFirst.OrderBy(r => Missing(template.AssignedRoles, r).Count).First();
    }

    private async Task<ISet<string>> RelationshipsRecordedWithAsync(AccessTemplate template, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (_store is null) return ids;
        await foreach (var invite in _store.QueryInvitesAsync(new InviteQuery { Kind = InviteKind.GranularAdmin, Statuses = new[] { InviteStatus.Accepted } }, cancellationToken).ConfigureAwait(false))
        {
            if (invite.RelationshipId is not null && string.Equals(invite.Template, template.Name, StringComparison.OrdinalIgnoreCase))
            {
                ids.Add(invite.RelationshipId);
            }
        }

        return ids;
    }

    private static IReadOnlyList<EntraRole> Missing(IEnumerable<EntraRole> roles, DelegatedAdminRelationshipInfo relationship) =>
        roles.Where(role => !relationship.Roles.Contains(role.Id, StringComparer.OrdinalIgnoreCase)).ToList();

    private static bool IsActive(DelegatedAdminRelationshipInfo r) => r.Status is RelationshipStatus.Active or RelationshipStatus.Expiring;

    /// <summary>Asks about each group once per plan; without the capability every group counts as existing.</summary>
    private sealed class GroupCheck
    {
        private readonly ISecurityGroupDirectory? _directory;
        private readonly Dictionary<string, bool> _known = new(StringComparer.OrdinalIgnoreCase);

        public GroupCheck(IGraphGdapClient graphGdap) => _directory = graphGdap as ISecurityGroupDirectory;

        public async Task<bool> ExistsAsync(string groupId, CancellationToken cancellationToken)
        {
            if (_directory is null) return true;
            if (!_known.TryGetValue(groupId, out var exists))
            {
                exists = await _directory.SecurityGroupExistsAsync(groupId, cancellationToken).ConfigureAwait(false);
                _known[groupId] = exists;
            }

            return exists;
        }
    }
}
