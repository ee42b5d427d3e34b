using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.State;

/// <summary>Long-running operations (<see cref="DocumentedBehaviour.GetOperation"/>): what a 202 Accepted points at.</summary>
public sealed partial class SandboxState
{
    /// <summary>What the 202 answer's Retry-After says: a third of the work's duration, at least a second.</summary>
    public TimeSpan OperationRetryAfter => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(_options.PendingWorkDelay.TotalSeconds / 3)));

    public SandboxRelationshipOperation GetOperation(string relationshipId, string operationId)
    {
        ProcessDue();
        lock (_gate)
        {
            return FindOperation(GetRelationship(relationshipId), operationId).Snapshot();
        }
    }

    public IReadOnlyList<SandboxRelationshipOperation> ListOperations(string relationshipId)
    {
        ProcessDue();
        lock (_gate)
        {
            return GetRelationship(relationshipId).Operations.Select(o => o.Snapshot()).ToArray();
        }
    }

    /// <summary>The service gives up on an operation (a test and demo control): failed, nothing changes.</summary>
    public SandboxRelationshipOperation FailOperation(string relationshipId, string operationId)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(relationshipId);
            var op = FindOperation(r, operationId);
            if (op.IsFinished)
            {
                throw SandboxRuleException.BadRequest($"The operation is already {op.Status}.");
            }

            FinishOperation(op, OperationStatus.Failed, now);
            if (op.AccessAssignmentId is { } assignmentId && r.AccessAssignments.FirstOrDefault(a => a.Id == assignmentId) is { Status: AccessAssignmentStatus.Pending } a)
            {
                a.Status = AccessAssignmentStatus.Active; // Back to what it was: the old roles, in force.
                Touch(a, now);
            }

            return op.Snapshot();
        }
    }

    /// <summary>Starts an operation (caller holds the lock): notStarted now, running from a third of the work, done at its end.</summary>
    private SandboxRelationshipOperation StartOperation(SandboxRelationship r, string type, string? assignmentId, List<string> targetRoles, JsonObject data, DateTimeOffset now)
    {
        var op = new SandboxRelationshipOperation
        {
            Id = Guid.NewGuid().ToString(),
            OperationType = type,
            AccessAssignmentId = assignmentId,
            TargetRoleIds = targetRoles,
            Data = data.ToJsonString(),
            CreatedDateTime = now,
            LastModifiedDateTime = now,
            StartsAt = now + _options.PendingWorkDelay / 3,
            CompletesAt = now + _options.PendingWorkDelay,
            Version = NextVersion(),
        };
        r.Operations.Add(op);
        DueAt(op.StartsAt);
        return op;
    }

    /// <summary>The operation's work is done: its change applies.</summary>
    private void CompleteOperation(SandboxRelationship r, SandboxRelationshipOperation op, DateTimeOffset now)
    {
        switch (op.OperationType)
        {
            case SandboxRelationshipOperation.AccessAssignmentUpdate:
                var a = r.AccessAssignments.FirstOrDefault(x => x.Id == op.AccessAssignmentId);
                if (a is null || a.Status is AccessAssignmentStatus.Deleting or AccessAssignmentStatus.Deleted)
                {
                    FinishOperation(op, OperationStatus.Failed, now);
                    return;
                }

                a.RoleDefinitionIds = new List<string>(op.TargetRoleIds);
                a.Status = AccessAssignmentStatus.Active;
                a.WorkDue = null;
                Touch(a, now);
                op.Data = Http.GraphJson.AccessAssignment(a.Snapshot()).ToJsonString();
                break;
            case SandboxRelationshipOperation.RelationshipUpdate:
                r.RoleDefinitionIds = new List<string>(op.TargetRoleIds);
                DropGlobalAdministratorFromAssignments(r, now);
                Touch(r, now);
                op.Data = Http.GraphJson.Relationship(r.Snapshot()).ToJsonString();
                break;
        }

        FinishOperation(op, OperationStatus.Succeeded, now);
    }

    private void FinishOperation(SandboxRelationshipOperation op, string status, DateTimeOffset now)
    {
        op.Status = status;
        op.LastModifiedDateTime = now;
        op.Version = NextVersion();
    }

    private static SandboxRelationshipOperation FindOperation(SandboxRelationship r, string operationId) =>
        r.Operations.FirstOrDefault(o => string.Equals(o.Id, operationId, StringComparison.OrdinalIgnoreCase))
        ?? throw SandboxRuleException.NotFound($"The relationship '{r.Id}' has no operation '{operationId}'.");
}
