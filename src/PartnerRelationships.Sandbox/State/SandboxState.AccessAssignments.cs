namespace PartnerRelationships.Sandbox.State;

public sealed partial class SandboxState
{
    public SandboxAccessAssignment CreateAccessAssignment(
        string relationshipId, string? accessContainerId, string? accessContainerType, IReadOnlyList<string>? roleIds)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(relationshipId);
            if (r.Status != RelationshipStatus.Active)
            {
                throw SandboxRuleException.BadRequest(
                    $"The relationship is in {r.Status} status; access assignments can be created only on an active relationship.");
            }

            var containerId = AccessContainerId(accessContainerId);
            if (accessContainerType is not null && !string.Equals(accessContainerType, "securityGroup", StringComparison.OrdinalIgnoreCase))
            {
                throw SandboxRuleException.BadRequest(
                    $"The accessContainerType '{accessContainerType}' is not supported; use securityGroup.");
            }

            if (GroupDeleted(containerId))
            {
                throw SandboxRuleException.BadRequest($"The security group {containerId} does not exist in the partner tenant.");
            }

            var roles = AssignableRoles(r, roleIds);
            if (r.AccessAssignments.Any(a => a.Status != AccessAssignmentStatus.Deleted
                                             && string.Equals(a.AccessContainerId, containerId, StringComparison.OrdinalIgnoreCase)))
            {
                throw SandboxRuleException.BadRequest(
                    $"The security group {containerId} already has an access assignment in this relationship; update that one instead.");
            }

            var assignment = new SandboxAccessAssignment
            {
                Id = Guid.NewGuid().ToString(),
                RelationshipId = r.Id,
                AccessContainerId = containerId,
                RoleDefinitionIds = roles,
                Status = AccessAssignmentStatus.Pending,
                CreatedDateTime = now,
                WorkDue = now + _options.PendingWorkDelay,
            };
            Touch(assignment, now);
            DueAt(assignment.WorkDue);
            r.AccessAssignments.Add(assignment);
            return assignment.Snapshot();
        }
    }

    public IReadOnlyList<SandboxAccessAssignment> ListAccessAssignments(string relationshipId)
    {
        ProcessDue();
        lock (_gate)
        {
            return GetRelationship(relationshipId).AccessAssignments.Select(a => a.Snapshot()).ToArray();
        }
    }

    public SandboxAccessAssignment GetAccessAssignment(string relationshipId, string assignmentId)
    {
        ProcessDue();
        lock (_gate)
        {
            return FindAssignment(GetRelationship(relationshipId), assignmentId).Snapshot();
        }
    }

    public SandboxAccessAssignment UpdateAccessAssignment(string relationshipId, string assignmentId, string? ifMatch, IReadOnlyList<string>? roleIds)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(relationshipId);
            var a = FindAssignment(r, assignmentId);
            CheckIfMatch(ifMatch, a.ETag, "access assignment");
            if (a.Status is not (AccessAssignmentStatus.Active or AccessAssignmentStatus.Pending))
            {
                throw SandboxRuleException.BadRequest($"The access assignment is in {a.Status} status and can't be updated.");
            }

            a.RoleDefinitionIds = AssignableRoles(r, roleIds);

            // The service re-applies the roles to the group: pending until that work completes.
            a.Status = AccessAssignmentStatus.Pending;
            a.WorkDue = now + _options.PendingWorkDelay;
            DueAt(a.WorkDue);
            Touch(a, now);
            return a.Snapshot();
        }
    }

    public void DeleteAccessAssignment(string relationshipId, string assignmentId, string? ifMatch)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var a = FindAssignment(GetRelationship(relationshipId), assignmentId);
            CheckIfMatch(ifMatch, a.ETag, "access assignment");
            if (a.Status is AccessAssignmentStatus.Deleting or AccessAssignmentStatus.Deleted)
            {
                throw SandboxRuleException.BadRequest($"The access assignment is already {a.Status}.");
            }

            a.Status = AccessAssignmentStatus.Deleting;
            a.WorkDue = now + _options.PendingWorkDelay;
            DueAt(a.WorkDue);
            Touch(a, now);
        }
    }

    /// <summary>The service fails to apply an assignment's roles: it shows status error (a test and demo control).</summary>
    public SandboxAccessAssignment FailAccessAssignment(string relationshipId, string assignmentId)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var a = FindAssignment(GetRelationship(relationshipId), assignmentId);
            a.Status = AccessAssignmentStatus.Error;
            a.WorkDue = null;
            Touch(a, now);
            return a.Snapshot();
        }
    }

    private static SandboxAccessAssignment FindAssignment(SandboxRelationship r, string assignmentId) =>
        r.AccessAssignments.FirstOrDefault(a => string.Equals(a.Id, assignmentId, StringComparison.OrdinalIgnoreCase))
        ?? throw SandboxRuleException.NotFound($"The relationship '{r.Id}' has no access assignment '{assignmentId}'.");

    private static string AccessContainerId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Guid.TryParse(value, out _))
        {
            throw SandboxRuleException.BadRequest(
                "The accessContainer.accessContainerId must be the object id (GUID) of a security group in the partner tenant.");
        }

        return value!;
    }

    private static List<string> AssignableRoles(SandboxRelationship r, IReadOnlyList<string>? roleIds)
    {
        var roles = RelationshipRules.Roles(roleIds);
        var outside = roles.FirstOrDefault(id => !r.RoleDefinitionIds.Contains(id, StringComparer.OrdinalIgnoreCase));
        if (outside is not null)
        {
            throw SandboxRuleException.BadRequest(
                $"The role {outside} ({BuiltInRoles.FindById(outside)?.Name}) is not part of the relationship's accessDetails; an assignment can only use the relationship's roles.");
        }

        return roles;
    }
}
