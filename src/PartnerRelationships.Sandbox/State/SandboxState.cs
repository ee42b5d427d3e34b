namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// Everything the sandbox knows: relationships, access assignments, customers, apps and tokens. One lock guards it
/// all (operations are short and in-memory), so concurrent clients and parallel tests see consistent state. Lists keep
/// creation order so paging is stable. Time-driven transitions run lazily: every API call checks the earliest due
/// transition and scans only when the sandbox clock has reached it.
/// </summary>
public sealed partial class SandboxState
{
    /// <summary>An approvalPending relationship the customer never approves expires after this long.</summary>
    public static readonly TimeSpan ApprovalWindow = TimeSpan.FromDays(90);

    /// <summary>How long before its end a relationship that does not auto-extend shows expiring (a sandbox choice).</summary>
    public static readonly TimeSpan ExpiringWindow = DocumentedBehaviour.ExpiringWindow;

    /// <summary>The only auto-extend period the service supports.</summary>
    public static readonly TimeSpan AutoExtendPeriod = TimeSpan.FromDays(180);

    private readonly object _gate = new();
    private readonly SandboxClock _clock;
    private readonly SandboxOptions _options;
    private readonly List<SandboxRelationship> _relationships = new();
    private readonly Dictionary<string, SandboxRelationship> _relationshipsById = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SandboxRelationship> _relationshipsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SandboxCustomer> _customers = new();
    private readonly Dictionary<string, SandboxCustomer> _customersByTenant = new(StringComparer.OrdinalIgnoreCase);
    private long _lastSequence;
    private long _lastVersion;
    private DateTimeOffset _nextDue = DateTimeOffset.MaxValue;

    internal SandboxState(SandboxClock clock, SandboxOptions options)
    {
        _clock = clock;
        _options = options;
        foreach (var app in options.Apps)
        {
            App(app.Key).Secret = app.Value;
        }

        foreach (var token in options.StaticTokens)
        {
            _staticTokens[token] = PartnerRelationships.Sandbox.SignIn.TokenKind.AppUser;
        }

        clock.Advanced += _ => CompletePendingWork();
    }

    public SandboxClock Clock => _clock;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Runs the transitions that are due on the sandbox clock (cheap when nothing is due).</summary>
    public void ProcessDue()
    {
        var now = Now;
        lock (_gate)
        {
            if (now >= _nextDue)
            {
                RunTransitions(now, completePendingWork: false);
            }
        }
    }

    /// <summary>Runs due transitions and completes all pending work (assignments, terminations) at once.</summary>
    public void CompletePendingWork()
    {
        var now = Now;
        lock (_gate)
        {
            RunTransitions(now, completePendingWork: true);
        }
    }

    /// <summary>Forgets all relationships and customers (apps and static tokens stay).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _relationships.Clear();
            _relationshipsById.Clear();
            _relationshipsByName.Clear();
            _customers.Clear();
            _customersByTenant.Clear();
            _deletedGroups.Clear();
            _issuedTokens.Clear();
            _refreshTokens.Clear();
            _deviceCodes.Clear();
            _authorizationCodes.Clear();
            _nextDue = DateTimeOffset.MaxValue;
        }
    }

    /// <summary>Counts for a quick look (GET /_sandbox/state).</summary>
    public SandboxSummary Summary()
    {
        ProcessDue();
        lock (_gate)
        {
            var byStatus = _relationships
                .GroupBy(r => r.Status)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count());
            return new SandboxSummary(
                Now,
                _relationships.Count,
                byStatus,
                _relationships.Sum(r => r.AccessAssignments.Count),
                _customers.Count,
                _customers.Count(c => c.IsResellerCustomer),
                _issuedTokens.Count);
        }
    }

    private long NextVersion() => ++_lastVersion;

    private long NextSequence() => ++_lastSequence;

    private void Touch(SandboxRelationship r, DateTimeOffset now)
    {
        r.LastModifiedDateTime = now;
        r.Version = NextVersion();
    }

    private void Touch(SandboxAccessAssignment a, DateTimeOffset now)
    {
        a.LastModifiedDateTime = now;
        a.Version = NextVersion();
    }

    private void DueAt(DateTimeOffset? when)
    {
        if (when is { } w && w < _nextDue)
        {
            _nextDue = w;
        }
    }

    private void RunTransitions(DateTimeOffset now, bool completePendingWork)
    {
        var next = DateTimeOffset.MaxValue;
        void Consider(DateTimeOffset when)
        {
            if (when < next)
            {
                next = when;
            }
        }

        foreach (var r in _relationships)
        {
            // Work the service does on its own after a request: any clock advance completes it.
            while (r.Steps.Count > 0 && (completePendingWork || now >= r.Steps[0].Due))
            {
                var step = r.Steps[0];
                r.Steps.RemoveAt(0);
                ApplyStep(r, step, step.Due < now ? step.Due : now, now);
            }

            if (r.Steps.Count > 0)
            {
                Consider(r.Steps[0].Due);
            }

            switch (r.Status)
            {
                case RelationshipStatus.ApprovalPending when r.LockedForApprovalDateTime is { } locked:
                    var closes = locked + ApprovalWindow;
                    if (now >= closes)
                    {
                        EndRelationship(r, RelationshipStatus.Expired, closes, now);
                    }
                    else
                    {
                        Consider(closes);
                    }

                    break;
                case RelationshipStatus.Active or RelationshipStatus.Expiring when r.EndDateTime is { } end:
                    if (now >= end)
                    {
                        if (r.AutoExtendDuration > TimeSpan.Zero)
                        {
                            while (end <= now)
                            {
                                end += r.AutoExtendDuration;
                            }

                            r.EndDateTime = end;
                            r.Status = RelationshipStatus.Active;
                            Touch(r, now);
                            Consider(end);
                        }
                        else
                        {
                            EndRelationship(r, RelationshipStatus.Expired, end, now);
                        }
                    }
                    else if (r.Status == RelationshipStatus.Active && r.AutoExtendDuration == TimeSpan.Zero && now >= end - ExpiringWindow)
                    {
                        r.Status = RelationshipStatus.Expiring;
                        Touch(r, now);
                        Consider(end);
                    }
                    else
                    {
                        Consider(r.Status == RelationshipStatus.Active && r.AutoExtendDuration == TimeSpan.Zero ? end - ExpiringWindow : end);
                    }

                    break;
            }

            foreach (var op in r.Operations)
            {
                if (op.IsFinished)
                {
                    continue;
                }

                if (completePendingWork || now >= op.CompletesAt)
                {
                    CompleteOperation(r, op, now);
                }
                else if (now >= op.StartsAt)
                {
                    if (op.Status != OperationStatus.Running)
                    {
                        op.Status = OperationStatus.Running;
                        op.LastModifiedDateTime = now;
                        op.Version = NextVersion();
                    }

                    Consider(op.CompletesAt);
                }
                else
                {
                    Consider(op.StartsAt);
                }
            }

            foreach (var a in r.AccessAssignments)
            {
                if (a.WorkDue is not { } due)
                {
                    continue;
                }

                if (completePendingWork || now >= due)
                {
                    a.Status = a.Status == AccessAssignmentStatus.Deleting ? AccessAssignmentStatus.Deleted : AccessAssignmentStatus.Active;
                    a.WorkDue = null;
                    Touch(a, now);
                }
                else
                {
                    Consider(due);
                }
            }
        }

        _nextDue = next;
    }

    /// <summary>One status change the service makes after a request (<see cref="DocumentedBehaviour.PostRequests"/>, approval).</summary>
    private void ApplyStep(SandboxRelationship r, ScheduledStep step, DateTimeOffset at, DateTimeOffset now)
    {
        switch (step.Step)
        {
            case ScheduledStep.Lock when r.Status == RelationshipStatus.Created:
                r.Status = RelationshipStatus.ApprovalPending;
                r.LockedForApprovalDateTime = at;
                FinishRequests(r, "lockForApproval", "succeeded", now);
                break;
            case ScheduledStep.Activating when r.Status == RelationshipStatus.Approved:
                r.Status = RelationshipStatus.Activating;
                break;
            case ScheduledStep.Active when r.Status is RelationshipStatus.Approved or RelationshipStatus.Activating:
                r.Status = RelationshipStatus.Active;
                r.ActivatedDateTime = at;
                r.EndDateTime = at + r.Duration;
                break;
            case ScheduledStep.TerminationRequested when RelationshipStatus.IsLive(r.Status):
                r.Status = RelationshipStatus.TerminationRequested;
                FinishRequests(r, "terminate", "pending", now);
                break;
            case ScheduledStep.Terminating when r.Status == RelationshipStatus.TerminationRequested:
                r.Status = RelationshipStatus.Terminating;
                break;
            case ScheduledStep.Terminated when r.Status is RelationshipStatus.TerminationRequested or RelationshipStatus.Terminating:
                EndRelationship(r, RelationshipStatus.Terminated, at, now);
                FinishRequests(r, "terminate", "succeeded", now);
                return;
            default:
                return; // Overtaken (e.g. the customer ended it first): nothing left to do.
        }

        Touch(r, now);
    }

    private static void FinishRequests(SandboxRelationship r, string action, string status, DateTimeOffset now)
    {
        foreach (var request in r.Requests.Where(q => q.Action == action && q.Status is not ("succeeded" or "failed")))
        {
            request.Status = status;
            request.LastModifiedDateTime = now;
        }
    }

    private void EndRelationship(SandboxRelationship r, string status, DateTimeOffset endedAt, DateTimeOffset now)
    {
        r.Status = status;
        r.EndDateTime = endedAt;
        r.Steps.Clear();
        Touch(r, now);
        foreach (var op in r.Operations.Where(o => !o.IsFinished))
        {
            FinishOperation(op, OperationStatus.Failed, now); // Nothing left to change on an ended relationship.
        }

        foreach (var a in r.AccessAssignments.Where(a => a.Status != AccessAssignmentStatus.Deleted))
        {
            // Roles granted through an ended relationship are gone; the service removes its assignments.
            a.Status = AccessAssignmentStatus.Deleted;
            a.WorkDue = null;
            Touch(a, now);
        }
    }

    /// <summary>Items after <paramref name="after"/> (a sequence number) that match, at most <paramref name="take"/>; the cursor for the next page or null.</summary>
    private static (List<T> Page, long? NextAfter) PageBySequence<T>(
        List<T> ordered, Func<T, long> sequence, Func<T, bool> include, long after, int take)
    {
        var start = LowerBound(ordered, sequence, after);
        var page = new List<T>(Math.Min(take, 512));
        for (var i = start; i < ordered.Count; i++)
        {
            var item = ordered[i];
            if (!include(item))
            {
                continue;
            }

            if (page.Count == take)
            {
                return (page, sequence(page[page.Count - 1]));
            }

            page.Add(item);
        }

        return (page, null);
    }

    /// <summary>Index of the first item whose sequence is greater than <paramref name="after"/> (lists are sorted by sequence).</summary>
    private static int LowerBound<T>(List<T> ordered, Func<T, long> sequence, long after)
    {
        int lo = 0, hi = ordered.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (sequence(ordered[mid]) <= after)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

/// <summary>What the sandbox holds right now.</summary>
public sealed record SandboxSummary(
    DateTimeOffset Now,
    int Relationships,
    IReadOnlyDictionary<string, int> RelationshipsByStatus,
    int AccessAssignments,
    int Customers,
    int ResellerCustomers,
    int IssuedTokens);
