namespace PartnerRelationships.Sandbox.State;

public sealed partial class SandboxState
{
    /// <summary>All relationships in creation order (snapshots).</summary>
    public IReadOnlyList<SandboxRelationship> Relationships
    {
        get
        {
            ProcessDue();
            lock (_gate)
            {
                return _relationships.Select(r => r.Snapshot()).ToArray();
            }
        }
    }

    public SandboxRelationship? FindRelationship(string id)
    {
        ProcessDue();
        lock (_gate)
        {
            return _relationshipsById.TryGetValue(id, out var r) ? r.Snapshot() : null;
        }
    }

    public SandboxRelationship? FindRelationshipByDisplayName(string displayName)
    {
        ProcessDue();
        lock (_gate)
        {
            return _relationshipsByName.TryGetValue(displayName, out var r) ? r.Snapshot() : null;
        }
    }

    public SandboxRelationship CreateRelationship(RelationshipDraft draft)
    {
        var displayName = RelationshipRules.DisplayName(draft.DisplayName);
        var duration = RelationshipRules.Duration(draft.Duration);
        var roles = RelationshipRules.Roles(draft.RoleDefinitionIds);
        var autoExtend = RelationshipRules.AutoExtendDuration(draft.AutoExtendDuration);
        RelationshipRules.AutoExtendAllowed(autoExtend, roles);
        var tenantId = RelationshipRules.TenantId(draft.CustomerTenantId);
        var now = Now;
        lock (_gate)
        {
            if (_relationshipsByName.ContainsKey(displayName))
            {
                throw SandboxRuleException.BadRequest(
                    $"A delegated admin relationship with the displayName '{displayName}' already exists. Choose another displayName.");
            }

            var relationship = new SandboxRelationship
            {
                // Like the service: the id ends with the customer's tenant id when it is known at creation.
                Id = $"{Guid.NewGuid()}-{tenantId ?? Guid.NewGuid().ToString()}",
                DisplayName = displayName,
                Duration = duration,
                CustomerTenantId = tenantId,
                CustomerDisplayName = draft.CustomerDisplayName,
                RoleDefinitionIds = roles,
                AutoExtendDuration = autoExtend,
                Status = RelationshipStatus.Created,
                CreatedDateTime = now,
            };
            Insert(relationship, now);
            return relationship.Snapshot();
        }
    }

    /// <summary>
    /// <see cref="DocumentedBehaviour.UpdateRelationship"/>: any field while created; autoExtendDuration while created or
    /// active; removing Global Administrator from an active relationship starts a long-running operation (returned;
    /// the endpoint answers 202) and the relationship keeps GA until it succeeds; any other accessDetails change on an
    /// active relationship is ignored (200 with the original object).
    /// </summary>
    public (SandboxRelationship Relationship, SandboxRelationshipOperation? Operation) UpdateRelationship(string id, string? ifMatch, RelationshipDraft patch)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetForWrite(id, ifMatch);
            if (RelationshipStatus.IsLive(r.Status))
            {
                if (patch.DisplayName is not null || patch.Duration is not null || patch.HasCustomer)
                {
                    throw SandboxRuleException.BadRequest(
                        "Only autoExtendDuration can be changed on an active relationship (and the Global Administrator role removed); other fields can be changed only while it is in created status.");
                }

                SandboxRelationshipOperation? operation = null;
                if (patch.AutoExtendDuration is not null)
                {
                    var extend = RelationshipRules.AutoExtendDuration(patch.AutoExtendDuration);
                    RelationshipRules.AutoExtendAllowed(extend, r.RoleDefinitionIds);
                    r.AutoExtendDuration = extend;
                    if (extend > TimeSpan.Zero && r.Status == RelationshipStatus.Expiring)
                    {
                        r.Status = RelationshipStatus.Active;
                    }

                    Touch(r, now);
                    DueAt(r.EndDateTime - ExpiringWindow);
                }

                if (patch.RoleDefinitionIds is { } asked && RemovesOnlyGlobalAdministrator(r, asked)
                    && !r.Operations.Any(o => !o.IsFinished && o.OperationType == SandboxRelationshipOperation.RelationshipUpdate))
                {
                    var remaining = r.RoleDefinitionIds.Where(x => !string.Equals(x, BuiltInRoles.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)).ToList();
                    var target = r.Snapshot();
                    target.RoleDefinitionIds = remaining;
                    operation = StartOperation(r, SandboxRelationshipOperation.RelationshipUpdate, null, remaining, Http.GraphJson.Relationship(target), now).Snapshot();
                }

                return (r.Snapshot(), operation);
            }

            if (r.Status != RelationshipStatus.Created)
            {
                throw SandboxRuleException.BadRequest(
                    $"The relationship is in {r.Status} status and can't be updated; only created (any field) and active (autoExtendDuration) relationships can.");
            }

            var displayName = patch.DisplayName is null ? r.DisplayName : RelationshipRules.DisplayName(patch.DisplayName);
            var duration = patch.Duration is null ? r.Duration : RelationshipRules.Duration(patch.Duration);
            var roles = patch.RoleDefinitionIds is null ? r.RoleDefinitionIds : RelationshipRules.Roles(patch.RoleDefinitionIds);
            var autoExtend = patch.AutoExtendDuration is null ? r.AutoExtendDuration : RelationshipRules.AutoExtendDuration(patch.AutoExtendDuration);
            RelationshipRules.AutoExtendAllowed(autoExtend, roles);
            var tenantId = patch.CustomerTenantId is null ? r.CustomerTenantId : RelationshipRules.TenantId(patch.CustomerTenantId);
            if (!string.Equals(displayName, r.DisplayName, StringComparison.OrdinalIgnoreCase)
                && _relationshipsByName.ContainsKey(displayName))
            {
                throw SandboxRuleException.BadRequest(
                    $"A delegated admin relationship with the displayName '{displayName}' already exists. Choose another displayName.");
            }

            _relationshipsByName.Remove(r.DisplayName);
            r.DisplayName = displayName;
            _relationshipsByName[displayName] = r;
            r.Duration = duration;
            r.RoleDefinitionIds = roles;
            r.AutoExtendDuration = autoExtend;
            r.CustomerTenantId = tenantId;
            r.CustomerDisplayName = patch.CustomerDisplayName ?? r.CustomerDisplayName;
            Touch(r, now);
            return (r.Snapshot(), null);
        }
    }

    private static bool RemovesOnlyGlobalAdministrator(SandboxRelationship r, IReadOnlyList<string> asked) =>
        r.RoleDefinitionIds.Contains(BuiltInRoles.GlobalAdministrator, StringComparer.OrdinalIgnoreCase)
        && new HashSet<string>(asked, StringComparer.OrdinalIgnoreCase).SetEquals(
            r.RoleDefinitionIds.Where(x => !string.Equals(x, BuiltInRoles.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Roles the relationship no longer has can't stay assigned: the sandbox takes them off, deleting emptied assignments.</summary>
    private void DropGlobalAdministratorFromAssignments(SandboxRelationship r, DateTimeOffset now)
    {
        foreach (var a in r.AccessAssignments.Where(a => a.Status != AccessAssignmentStatus.Deleted
                                                         && a.RoleDefinitionIds.Contains(BuiltInRoles.GlobalAdministrator, StringComparer.OrdinalIgnoreCase)))
        {
            a.RoleDefinitionIds = a.RoleDefinitionIds.Where(id => !string.Equals(id, BuiltInRoles.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)).ToList();
            if (a.RoleDefinitionIds.Count == 0)
            {
                a.Status = AccessAssignmentStatus.Deleted;
                a.WorkDue = null;
            }

            Touch(a, now);
        }
    }

    public void DeleteRelationship(string id, string? ifMatch)
    {
        ProcessDue();
        lock (_gate)
        {
            var r = GetForWrite(id, ifMatch);
            if (r.Status != RelationshipStatus.Created)
            {
                throw SandboxRuleException.BadRequest(
                    $"The relationship is in {r.Status} status; only a relationship in created status can be deleted. Terminate an active one instead.");
            }

            r.Steps.Clear();
            _relationships.Remove(r);
            _relationshipsById.Remove(r.Id);
            _relationshipsByName.Remove(r.DisplayName);
        }
    }

    /// <summary>
    /// <see cref="DocumentedBehaviour.PostRequests"/>: the request starts <c>created</c>; the relationship moves
    /// afterwards on the sandbox clock (lock: created → approvalPending; terminate: terminationRequested → terminating
    /// → terminated), and the request's status follows.
    /// </summary>
    public SandboxRelationshipRequest CreateRequest(string id, string? action)
    {
        ProcessDue();
        var now = Now;
        var delay = _options.PendingWorkDelay;
        lock (_gate)
        {
            var r = GetRelationship(id);
            switch (action)
            {
                case "lockForApproval":
                    if (r.Status != RelationshipStatus.Created)
                    {
                        throw SandboxRuleException.BadRequest(
                            $"The relationship is in {r.Status} status; lockForApproval is only possible in created status.");
                    }

                    if (r.Steps.Any(x => x.Step == ScheduledStep.Lock))
                    {
                        throw SandboxRuleException.BadRequest("A lockForApproval request for this relationship is already being processed.");
                    }

                    Schedule(r, new ScheduledStep(now + delay / 2, ScheduledStep.Lock));
                    break;
                case "terminate":
                    if (!RelationshipStatus.IsLive(r.Status))
                    {
                        throw SandboxRuleException.BadRequest(
                            $"The relationship is in {r.Status} status; only an active relationship can be terminated.");
                    }

                    if (r.Steps.Any(x => x.Step == ScheduledStep.TerminationRequested))
                    {
                        throw SandboxRuleException.BadRequest("A terminate request for this relationship is already being processed.");
                    }

                    Schedule(r, new ScheduledStep(now + delay / 3, ScheduledStep.TerminationRequested));
                    Schedule(r, new ScheduledStep(now + delay * 2 / 3, ScheduledStep.Terminating));
                    Schedule(r, new ScheduledStep(now + delay, ScheduledStep.Terminated));
                    break;
                default:
                    throw SandboxRuleException.BadRequest(
                        $"The action '{action}' is not supported; a partner can request lockForApproval or terminate.");
            }

            var request = new SandboxRelationshipRequest
            {
                Id = Guid.NewGuid().ToString(), Action = action, Status = "created", CreatedDateTime = now, LastModifiedDateTime = now,
            };
            r.Requests.Add(request);
            return request.Snapshot();
        }
    }

    private void Schedule(SandboxRelationship r, ScheduledStep step)
    {
        r.Steps.Add(step);
        r.Steps.Sort((x, y) => x.Due.CompareTo(y.Due));
        DueAt(step.Due);
    }

    /// <summary>A lockForApproval still being processed finishes now (the customer can only act on a locked relationship).</summary>
    private void SettleLock(SandboxRelationship r, DateTimeOffset now)
    {
        var lockStep = r.Steps.FirstOrDefault(x => x.Step == ScheduledStep.Lock);
        if (lockStep is not null)
        {
            r.Steps.Remove(lockStep);
            ApplyStep(r, lockStep, now, now);
        }
    }

    public IReadOnlyList<SandboxRelationshipRequest> ListRequests(string id)
    {
        ProcessDue();
        lock (_gate)
        {
            return GetRelationship(id).Requests.Select(q => q.Snapshot()).ToArray();
        }
    }

    public SandboxRelationshipRequest GetRequest(string id, string requestId)
    {
        ProcessDue();
        lock (_gate)
        {
            return FindRequest(GetRelationship(id), requestId).Snapshot();
        }
    }

    /// <summary>
    /// The service fails a request it has not processed yet (<see cref="DocumentedBehaviour.RequestResource"/> lists
    /// <c>failed</c> among a request's statuses): the request becomes <c>failed</c> and the relationship stays as it is
    /// (a failed terminate leaves it active).
    /// </summary>
    public SandboxRelationshipRequest FailRequest(string id, string requestId)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(id);
            var request = FindRequest(r, requestId);
            if (request.Status != "created")
            {
                throw SandboxRuleException.BadRequest($"The request is already {request.Status}; only a request not yet processed (created) can fail.");
            }

            var steps = request.Action == "terminate"
                ? new[] { ScheduledStep.TerminationRequested, ScheduledStep.Terminating, ScheduledStep.Terminated }
                : new[] { ScheduledStep.Lock };
            r.Steps.RemoveAll(x => steps.Contains(x.Step));
            request.Status = "failed";
            request.LastModifiedDateTime = now;
            return request.Snapshot();
        }
    }

    /// <summary>A request of the relationship by id (caller holds the lock); 404 when it has none.</summary>
    private static SandboxRelationshipRequest FindRequest(SandboxRelationship r, string requestId) =>
        r.Requests.FirstOrDefault(q => string.Equals(q.Id, requestId, StringComparison.OrdinalIgnoreCase))
        ?? throw SandboxRuleException.NotFound($"The relationship '{r.Id}' has no request '{requestId}'.");

    /// <summary>
    /// Adds a resellerDelegatedAdminRelationship (<see cref="DocumentedBehaviour.ResellerRelationshipResource"/>): an
    /// indirect provider's relationship for an indirect reseller that the list shows beside the partner's own.
    /// </summary>
    public SandboxRelationship AddResellerRelationship(string? displayName, string? tenantId, string? customerDisplayName,
        string? indirectProviderTenantId, bool isPartnerConsentPending, string status, IReadOnlyList<string>? roleIds)
    {
        var now = Now;
        var tenant = RelationshipRules.TenantId(tenantId) ?? Guid.NewGuid().ToString();
        var r = new SandboxRelationship
        {
            Id = $"{Guid.NewGuid()}-{tenant}",
            IsReseller = true,
            IndirectProviderTenantId = RelationshipRules.TenantId(indirectProviderTenantId)
                ?? throw SandboxRuleException.BadRequest("indirectProviderTenantId is required: the indirect provider's tenant id."),
            IsPartnerConsentPending = isPartnerConsentPending,
            DisplayName = RelationshipRules.DisplayName(displayName ?? $"Reseller relationship {tenant.Substring(0, 8)}"),
            Duration = TimeSpan.FromDays(180),
            CustomerTenantId = tenant,
            CustomerDisplayName = customerDisplayName,
            RoleDefinitionIds = RelationshipRules.Roles(roleIds is { Count: > 0 } ? roleIds : new[] { BuiltInRoles.DirectoryReaders }),
            Status = status,
            CreatedDateTime = now,
        };
        if (RelationshipStatus.IsLive(status) || status is RelationshipStatus.Terminated or RelationshipStatus.Expired)
        {
            r.ActivatedDateTime = now;
            r.EndDateTime = now + r.Duration;
        }

        if (Import(Array.Empty<SandboxCustomer>(), new[] { r }).Relationships == 0)
        {
            throw SandboxRuleException.BadRequest($"A delegated admin relationship with the displayName '{r.DisplayName}' already exists.");
        }

        return FindRelationship(r.Id)!;
    }

    /// <summary>A page of relationships after the cursor, matching the filter.</summary>
    internal (IReadOnlyList<SandboxRelationship> Page, long? NextAfter) ListRelationships(
        Func<SandboxRelationship, bool> include, long after, int top)
    {
        ProcessDue();
        lock (_gate)
        {
            var (page, next) = PageBySequence(_relationships, r => r.Sequence, include, after, top);
            return (page.Select(r => r.Snapshot()).ToArray(), next);
        }
    }

    // ---- the customer's side ----

    /// <summary>
    /// The customer approves a pending relationship: approved now, then activating, then active for its duration
    /// (each on the sandbox clock; any clock advance completes them).
    /// </summary>
    public SandboxRelationship ApproveRelationship(string id, string? tenantId = null, string? customerDisplayName = null)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(id);
            SettleLock(r, now);
            RequireStatus(r, RelationshipStatus.ApprovalPending, "approve");
            var tenant = RelationshipRules.TenantId(tenantId) ?? r.CustomerTenantId ?? Guid.NewGuid().ToString();
            if (r.CustomerTenantId is not null && !string.Equals(r.CustomerTenantId, tenant, StringComparison.OrdinalIgnoreCase))
            {
                throw SandboxRuleException.BadRequest(
                    $"The relationship is for customer tenant {r.CustomerTenantId}; another tenant ({tenant}) can't approve it.");
            }

            var customer = EnsureCustomer(tenant, customerDisplayName ?? r.CustomerDisplayName, domain: null, now);
            r.CustomerTenantId = customer.TenantId;
            r.CustomerDisplayName = customer.CompanyName;
            r.Status = RelationshipStatus.Approved;
            r.LockedForApprovalDateTime = null;
            Schedule(r, new ScheduledStep(now + _options.PendingWorkDelay / 2, ScheduledStep.Activating));
            Schedule(r, new ScheduledStep(now + _options.PendingWorkDelay, ScheduledStep.Active));
            Touch(r, now);
            return r.Snapshot();
        }
    }

    /// <summary>
    /// The customer declines. GDAP has no "rejected" status: a declined request shows the same as one never approved,
    /// <c>expired</c> with no activatedDateTime.
    /// </summary>
    public SandboxRelationship RejectRelationship(string id)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(id);
            SettleLock(r, now);
            RequireStatus(r, RelationshipStatus.ApprovalPending, "reject");
            r.LockedForApprovalDateTime = null;
            EndRelationship(r, RelationshipStatus.Expired, now, now);
            return r.Snapshot();
        }
    }

    /// <summary>The customer ends an active (or pending) relationship from their admin center: terminated at once.</summary>
    public SandboxRelationship TerminateFromCustomer(string id)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(id);
            SettleLock(r, now);
            if (r.Status is not (RelationshipStatus.Active or RelationshipStatus.Expiring or RelationshipStatus.TerminationRequested or RelationshipStatus.Terminating
                or RelationshipStatus.ApprovalPending or RelationshipStatus.Approved or RelationshipStatus.Activating))
            {
                throw SandboxRuleException.BadRequest($"The relationship is in {r.Status} status; the customer can end only a pending or active relationship.");
            }

            EndRelationship(r, RelationshipStatus.Terminated, now, now);
            return r.Snapshot();
        }
    }

    /// <summary>Expires a pending or active relationship now, regardless of its end date or auto-extend.</summary>
    public SandboxRelationship ExpireRelationship(string id)
    {
        ProcessDue();
        var now = Now;
        lock (_gate)
        {
            var r = GetRelationship(id);
            if (r.Status is not (RelationshipStatus.Active or RelationshipStatus.Expiring or RelationshipStatus.ApprovalPending or RelationshipStatus.Created
                or RelationshipStatus.Approved or RelationshipStatus.Activating))
            {
                throw SandboxRuleException.BadRequest($"The relationship is in {r.Status} status and can't expire.");
            }

            r.LockedForApprovalDateTime = null;
            EndRelationship(r, RelationshipStatus.Expired, now, now);
            return r.Snapshot();
        }
    }

    private static void RequireStatus(SandboxRelationship r, string status, string what)
    {
        if (r.Status != status)
        {
            throw SandboxRuleException.BadRequest($"The relationship is in {r.Status} status; it must be {status} to {what} it.");
        }
    }

    private SandboxRelationship GetRelationship(string id) =>
        _relationshipsById.TryGetValue(id, out var r)
            ? r
            : throw SandboxRuleException.NotFound($"The delegated admin relationship '{id}' was not found. Check the id.");

    private SandboxRelationship GetForWrite(string id, string? ifMatch)
    {
        var r = GetRelationship(id);
        CheckIfMatch(ifMatch, r.ETag, "relationship");
        return r;
    }

    private static void CheckIfMatch(string? ifMatch, string current, string what)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw SandboxRuleException.BadRequest(
                $"The If-Match header is required: send the {what}'s current @odata.etag.");
        }

        if (!ETags.Matches(ifMatch, current))
        {
            throw SandboxRuleException.PreconditionFailed(
                $"The {what} changed since the ETag in If-Match was read. Get it again and retry with the new @odata.etag.");
        }
    }

    /// <summary>Adds a relationship (caller holds the lock, the record is complete).</summary>
    private void Insert(SandboxRelationship r, DateTimeOffset now)
    {
        r.Sequence = NextSequence();
        r.CreatedDateTime = r.CreatedDateTime == default ? now : r.CreatedDateTime;
        r.LastModifiedDateTime = now;
        r.Version = NextVersion();
        _relationships.Add(r);
        _relationshipsById[r.Id] = r;
        _relationshipsByName[r.DisplayName] = r;
        DueAt(r.Status switch
        {
            RelationshipStatus.ApprovalPending => r.LockedForApprovalDateTime + ApprovalWindow,
            RelationshipStatus.Active => r.AutoExtendDuration == TimeSpan.Zero ? r.EndDateTime - ExpiringWindow : r.EndDateTime,
            RelationshipStatus.Expiring => r.EndDateTime,
            _ => null,
        });
        foreach (var step in r.Steps)
        {
            DueAt(step.Due);
        }
        foreach (var a in r.AccessAssignments)
        {
            DueAt(a.WorkDue);
        }
    }
}
