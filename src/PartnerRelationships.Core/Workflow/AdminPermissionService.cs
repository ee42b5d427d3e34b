using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Access assignments on granular relationships: who in the partner tenant holds which roles at a customer.
/// <see cref="PlanAsync"/> reads and validates (relationship active, roles within it); <see cref="ApplyAsync"/> creates
/// or updates each assignment, updates carrying the ETag read so a concurrent change fails instead of being overwritten.
/// </summary>
public sealed class AdminPermissionService
{
    private readonly IGraphGdapClient _graphGdap;

    public AdminPermissionService(IGraphGdapClient graphGdap)
    {
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
    }

    /// <summary>The assignments of one relationship, or of every active relationship of a customer.</summary>
    public async IAsyncEnumerable<AdminPermission> GetAsync(string? relationshipId, string? customerTenantId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var relationship in await TargetRelationshipsAsync(relationshipId, customerTenantId, requireActive: false, cancellationToken).ConfigureAwait(false))
        {
            if (!IsActive(relationship))
            {
                continue; // Assignments exist only on active relationships.
            }

            foreach (var a in await _graphGdap.ListAccessAssignmentsAsync(relationship.Id, cancellationToken).ConfigureAwait(false))
            {
                if (a.Status is "deleted")
                {
                    continue;
                }

                yield return new AdminPermission
                {
                    RelationshipId = relationship.Id,
                    RelationshipName = relationship.DisplayName,
                    CustomerTenantId = relationship.CustomerTenantId,
                    CustomerName = relationship.CustomerName,
                    AssignmentId = a.Id,
                    SecurityGroupId = a.SecurityGroupId,
                    Roles = a.Roles.Select(RoleCatalog.NameOf).ToList(),
                    RoleIds = a.Roles,
                    Status = a.Status,
                    LastModifiedDateTime = a.LastModifiedDateTime,
                    ETag = a.ETag,
                };
            }
        }
    }

    public async Task<AdminPermissionPlan> PlanAsync(AdminPermissionRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (!Guid.TryParse(request.SecurityGroupId?.Trim(), out var group))
        {
            throw new PartnerRelationshipsException(ErrorIds.Workflow.InvalidSecurityGroupId, ErrorKind.InvalidArgument,
                $"The security group id '{InputExcerpt.Of(request.SecurityGroupId ?? "")}' is not a GUID. Give the object id of a security group in your partner tenant.",
                "SecurityGroupId");
        }

        var groupId = group.ToString("D");
        var roles = RoleCatalog.ResolveAll(request.Roles);
        var relationships = await TargetRelationshipsAsync(request.RelationshipId, request.CustomerTenantId, requireActive: true, cancellationToken).ConfigureAwait(false);

        var fitting = relationships.Where(r => roles.All(role => r.Roles.Contains(role.Id, StringComparer.OrdinalIgnoreCase))).ToList();
        if (fitting.Count == 0)
        {
            var r = relationships[0];
            var missing = roles.Where(role => !r.Roles.Contains(role.Id, StringComparer.OrdinalIgnoreCase)).Select(role => role.Name);
            var which = relationships.Count == 1 ? $"relationship '{r.DisplayName}'" : $"any of the customer's {relationships.Count} active relationships";
            throw new PartnerRelationshipsException(ErrorIds.Workflow.RoleNotInRelationship, ErrorKind.InvalidArgument,
                $"{string.Join(", ", missing)} {(missing.Count() == 1 ? "is" : "are")} not among the roles of {which} " +
                $"({string.Join(", ", r.Roles.Select(RoleCatalog.NameOf))}). An assignment can only use roles the customer approved: " +
                "choose roles from the relationship, or invite the customer to a new relationship with these roles.",
                "Roles");
        }

        var steps = new List<AdminPermissionStep>();
        foreach (var relationship in fitting)
        {
            var existing = (await _graphGdap.ListAccessAssignmentsAsync(relationship.Id, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(a => string.Equals(a.SecurityGroupId, groupId, StringComparison.OrdinalIgnoreCase) && a.Status is not ("deleted" or "deleting"));
            var action = existing is null ? AdminPermissionAction.Create
                : new HashSet<string>(existing.Roles, StringComparer.OrdinalIgnoreCase).SetEquals(roles.Select(x => x.Id)) ? AdminPermissionAction.NoChange
                : AdminPermissionAction.Update;
            steps.Add(new AdminPermissionStep(relationship, action, existing, request.ETag ?? existing?.ETag, roles, groupId));
        }

        return new AdminPermissionPlan(groupId, roles, steps);
    }

    /// <summary>Carries out the plan; returns the assignments as they now stand (unchanged ones included).</summary>
    public async Task<IReadOnlyList<AdminPermission>> ApplyAsync(AdminPermissionPlan plan, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        var result = new List<AdminPermission>();
        foreach (var step in plan.Steps)
        {
            var assignment = step.Action == AdminPermissionAction.NoChange
                ? step.Existing!
                : await _graphGdap.CreateOrUpdateAccessAssignmentAsync(step.Relationship.Id, new AccessAssignmentSpec(step.SecurityGroupId, step.Roles.Select(r => r.Id).ToList()),
                    step.Action == AdminPermissionAction.Update ? step.ETag : null, cancellationToken).ConfigureAwait(false);
            var inProgress = assignment.Operation is { IsFinished: false }
                             || (assignment.Status == "pending" && !SameRoles(assignment.Roles, step.Roles.Select(r => r.Id)));
            result.Add(new AdminPermission
            {
                RelationshipId = step.Relationship.Id,
                RelationshipName = step.Relationship.DisplayName,
                CustomerTenantId = step.Relationship.CustomerTenantId,
                CustomerName = step.Relationship.CustomerName,
                AssignmentId = assignment.Id,
                SecurityGroupId = assignment.SecurityGroupId,
                Roles = assignment.Roles.Select(RoleCatalog.NameOf).ToList(),
                RoleIds = assignment.Roles,
                Status = assignment.Status,
                LastModifiedDateTime = assignment.LastModifiedDateTime,
                ETag = assignment.ETag,
                OperationId = assignment.Operation?.Id,
                OperationStatus = assignment.Operation?.Status,
                RequestedRoles = inProgress ? step.Roles.Select(r => r.Name).ToList() : Array.Empty<string>(),
            });
        }

        return result;
    }

    public async Task<IReadOnlyList<AdminPermission>> SetAsync(AdminPermissionRequest request, CancellationToken cancellationToken = default)
        => await ApplyAsync(await PlanAsync(request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<DelegatedAdminRelationshipInfo>> TargetRelationshipsAsync(string? relationshipId, string? customerTenantId, bool requireActive, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(relationshipId))
        {
            var relationship = await _graphGdap.GetRelationshipAsync(relationshipId!.Trim(), cancellationToken).ConfigureAwait(false);
            if (relationship.IsResellerRelationship)
            {
                throw new PartnerRelationshipsException(ErrorIds.Workflow.RelationshipNotActive, ErrorKind.InvalidOperation,
                    $"The relationship '{relationship.DisplayName}' is a reseller relationship that the indirect provider {relationship.IndirectProviderTenantId} holds for a reseller, not your own admin access, so you can't assign its roles. Choose one of your own relationships ({CommandNames.GetPartnerCustomer} lists them).",
                    relationship.Id);
            }

            if (requireActive && !IsActive(relationship))
            {
                throw new PartnerRelationshipsException(ErrorIds.Workflow.RelationshipNotActive, ErrorKind.InvalidOperation,
                    $"The relationship '{relationship.DisplayName}' is {relationship.Status}, not active, so it can't carry admin permissions. " + NotActiveAdvice(relationship),
                    relationship.Id);
            }

            return new[] { relationship };
        }

        if (string.IsNullOrWhiteSpace(customerTenantId))
        {
            throw new PartnerRelationshipsException(ErrorIds.Workflow.AdminPermissionTargetMissing, ErrorKind.InvalidArgument,
                $"Say which relationship: give -{ParameterNames.RelationshipId}, or a customer (-{ParameterNames.CustomerTenantId}, or pipe {CommandNames.GetPartnerCustomer}).", "RelationshipId");
        }

        var tenant = TenantIds.Require(customerTenantId);
        var all = await _graphGdap.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenant }, cancellationToken)
            .CollectAsync(cancellationToken).ConfigureAwait(false);

        var active = all.Where(IsActive).ToList();
        if (requireActive && active.Count == 0)
        {
            throw new PartnerRelationshipsException(ErrorIds.Workflow.RelationshipNotActive, ErrorKind.InvalidOperation,
                all.Count == 0
                    ? $"The customer {tenant} has no granular admin relationship with you. Invite them first ({CommandNames.NewResellerInvite} -{ParameterNames.Kind} GranularAdmin)."
                    : $"None of the customer's {all.Count} granular admin relationship(s) is active ({string.Join(", ", all.Select(r => $"'{r.DisplayName}' {r.Status}"))}). " +
                      "Wait until the customer approves a pending one, or invite them again.",
                tenant);
        }

        return requireActive ? active : all;
    }

    private static bool IsActive(DelegatedAdminRelationshipInfo r) => r.Status is RelationshipStatus.Active or RelationshipStatus.Expiring;

    private static bool SameRoles(IEnumerable<string> a, IEnumerable<string> b) => new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);

    private static string NotActiveAdvice(DelegatedAdminRelationshipInfo r) => r.Status switch
    {
        RelationshipStatus.ApprovalPending or RelationshipStatus.Created => $"Wait until the customer approves it ({CommandNames.SyncResellerInvite} shows when), then try again.",
        RelationshipStatus.Approved or RelationshipStatus.Activating => "The customer approved it and the service is activating it: try again in a few minutes.",
        RelationshipStatus.Unknown => $"The service reports a status this module does not know ('{r.ServiceStatus}'); check it in Partner Center before relying on it.",
        _ => "It has ended or is ending: invite the customer to a new relationship.",
    };
}
