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
            if (!RelationshipStatus.IsLive(r.Status))
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

    /// <summary>One page of a relationship's assignments (<see cref="DocumentedBehaviour.ListAccessAssignments"/>: paged); the next page's start or null.</summary>
    internal (IReadOnlyList<SandboxAccessAssignment> Page, long? NextAfter) ListAccessAssignments(string relationshipId, long after, int top)
    {
        ProcessDue();
        lock (_gate)
        {
            var all = GetRelationship(relationshipId).AccessAssignments;
            var start = (int)Math.Min(after, all.Count);
            var page = all.Skip(start).Take(top).Select(a => a.Snapshot()).ToArray();
            return (page, start + page.Length < all.Count ? start + page.Length : null);
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

    /// <summary>
    /// <see cref="DocumentedBehaviour.UpdateAccessAssignment"/>: the same roles answer 200 with the original object
    /// (Operation null); new roles start a long-running operation (202) and apply when it succeeds. Meanwhile the
    /// assignment shows status pending and its previous roles (a sandbox choice).
    /// </summary>
    public (SandboxAccessAssignment Assignment, SandboxRelationshipOperation? Operation) UpdateAccessAssignment(
        string relationshipId, string assignmentId, string? ifMatch, IReadOnlyList<string>? roleIds)
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

            var roles = AssignableRoles(r, roleIds);
            if (new HashSet<string>(roles, StringComparer.OrdinalIgnoreCase).SetEquals(a.RoleDefinitionIds))
            {
                return (a.Snapshot(), null);
            }

            var target = a.Snapshot();
            target.RoleDefinitionIds = roles;
            var op = StartOperation(r, SandboxRelationshipOperation.AccessAssignmentUpdate, a.Id, roles, Http.GraphJson.AccessAssignment(target), now);
            a.Status = AccessAssignmentStatus.Pending;
            a.WorkDue = null; // The operation completes it.
            Touch(a, now);
            return (a.Snapshot(), op.Snapshot());
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
