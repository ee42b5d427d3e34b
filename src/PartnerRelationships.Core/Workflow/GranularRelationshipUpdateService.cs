using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Collections;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Roles;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Text;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Updates customers' existing granular relationships (Graph delegatedAdminRelationship update): auto-extend on or
/// off, and removing the Global Administrator role. Changes are planned per customer (read-only, one
/// <see cref="RelationshipChange"/> per relationship for ShouldProcess) and applied one change at a time with the
/// ETag read while planning. Terminating is <see cref="RelationshipRemovalService"/>.
/// </summary>
/// <remarks>
/// What the service allows (Graph delegatedAdminRelationship update): any field while created; once active only
/// autoExtendDuration, and removing the Global Administrator role (a long-running operation). Auto-extend is refused
/// while Global Administrator is among the roles. Relationships awaiting approval or ended can't be changed at all:
/// those plan as NotAllowed with what to do instead (wait, or invite the customer to a new relationship).
/// </remarks>
public sealed class GranularRelationshipUpdateService
{
    private readonly IGraphGdapClient _graphGdap;

    public GranularRelationshipUpdateService(IGraphGdapClient graphGdap)
    {
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
    }

    /// <summary>Auto-extend (180 days) on or off for each of the customer's active relationships.</summary>
    public async Task<IReadOnlyList<RelationshipChange>> PlanAutoExtendAsync(string customerTenantId, bool enable, CancellationToken cancellationToken = default)
    {
        var changes = new List<RelationshipChange>();
        foreach (var r in await ActiveAsync(customerTenantId, cancellationToken).ConfigureAwait(false))
        {
            var name = Name(r);
            var on = r.AutoExtendDuration > TimeSpan.Zero;
            if (on == enable)
            {
                changes.Add(new(r, RelationshipChangeKind.NoChange, $"Auto-extend is already {(enable ? "on" : "off")} for {name}"));
            }
            else if (enable && HasGlobalAdministrator(r))
            {
                changes.Add(new(r, RelationshipChangeKind.NotAllowed,
                    $"Can't turn on auto-extend for {name}: it includes Global Administrator, and the service refuses auto-extend with that role. " +
                    $"Remove Global Administrator from it first ({CommandNames.SetGranularRelationship} -{ParameterNames.RemoveGlobalAdministrator}), then turn auto-extend on",
                    ErrorIds.Workflow.AutoExtendWithGlobalAdministrator));
            }
            else
            {
                changes.Add(new(r, RelationshipChangeKind.Change, enable
                    ? $"Turn on auto-extend (by {(int)RelationshipDurations.AutoExtendPeriod.TotalDays} days at each end) for {name}"
                    : $"Turn off auto-extend for {name}; it ends on {r.EndDateTime:yyyy-MM-dd}"));
            }
        }

        return changes;
    }

    /// <summary>Global Administrator off each of the customer's relationships that have it (active or not yet locked for approval).</summary>
    public async Task<IReadOnlyList<RelationshipChange>> PlanGlobalAdministratorRemovalAsync(string customerTenantId, CancellationToken cancellationToken = default)
    {
        var tenant = TenantIds.Require(customerTenantId);
        var changes = new List<RelationshipChange>();
        await foreach (var r in _graphGdap.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenant }, cancellationToken).ConfigureAwait(false))
        {
            if (!HasGlobalAdministrator(r) || r.Status is RelationshipStatus.Expired or RelationshipStatus.Terminated or RelationshipStatus.Terminating or RelationshipStatus.TerminationRequested)
            {
                continue;
            }

            var name = Name(r);
            if (r.Roles.Count == 1)
            {
                changes.Add(new(r, RelationshipChangeKind.NotAllowed,
                    $"Can't remove Global Administrator from {name}: it is the relationship's only role. Terminate the relationship instead " +
                    $"({CommandNames.RemoveCustomerRelationship}), and invite the customer to one with narrower roles", ErrorIds.Template.GlobalAdministratorNeedsNewRelationship));
            }
            else if (r.Status is RelationshipStatus.Active or RelationshipStatus.Expiring or RelationshipStatus.Created)
            {
                changes.Add(new(r, RelationshipChangeKind.Change,
                    $"Remove Global Administrator from {name}, keeping {string.Join(", ", r.Roles.Where(id => id != RoleCatalog.GlobalAdministrator).Select(RoleCatalog.NameOf))}; " +
                    "assignments lose the role too"));
            }
            else
            {
                changes.Add(new(r, RelationshipChangeKind.NotAllowed,
                    $"Can't remove Global Administrator from {name} while it is {r.Status}: the service changes roles only of created or active relationships. " +
                    "Wait until it is active (the customer approves it, then the service activates it) and run this again, or invite the customer to a new relationship without Global Administrator",
                    ErrorIds.Template.GlobalAdministratorNeedsNewRelationship));
            }
        }

        return changes;
    }

    /// <summary>Applies one planned auto-extend change; NotAllowed ones fail with their error id and description.</summary>
    public Task<DelegatedAdminRelationshipInfo> ApplyAutoExtendAsync(RelationshipChange change, bool enable, CancellationToken cancellationToken = default)
    {
        if (Skip(change) is { } unchanged) return unchanged;
        return ApplyAutoExtendCoreAsync(change, enable, cancellationToken);
    }

    private async Task<DelegatedAdminRelationshipInfo> ApplyAutoExtendCoreAsync(RelationshipChange change, bool enable, CancellationToken cancellationToken)
        => await _graphGdap.UpdateAutoExtendAsync(change.Relationship.Id, enable ? RelationshipDurations.AutoExtendPeriod : TimeSpan.Zero,
            await ETagAsync(change, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>If-Match always carries an ETag read from the service (nothing documents "*"): the plan's, or a fresh read.</summary>
    private async Task<string> ETagAsync(RelationshipChange change, CancellationToken cancellationToken)
        => change.ETag ?? (await _graphGdap.GetRelationshipAsync(change.Relationship.Id, cancellationToken).ConfigureAwait(false)).ETag
           ?? throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData,
               $"{change.Description}: the relationship came without an @odata.etag, which a change needs (If-Match). Try again later.", change.Relationship.Id);

    /// <summary>Applies one planned Global Administrator removal.</summary>
    public Task<DelegatedAdminRelationshipInfo> ApplyGlobalAdministratorRemovalAsync(RelationshipChange change, CancellationToken cancellationToken = default)
    {
        if (Skip(change) is { } unchanged) return unchanged;
        if (_graphGdap is not IGlobalAdministratorRemoval removal)
        {
            throw new PartnerRelationshipsException(ErrorIds.Template.GlobalAdministratorNeedsNewRelationship, ErrorKind.NotImplemented,
                $"{change.Description}: this connection can't change a relationship's roles.", change.Relationship.Id);
        }

        return RemoveAsync(removal, change, cancellationToken);
    }

    /// <summary>
    /// Applies approved Global Administrator removals a few at a time: each waits for its 202 operation, so one after
    /// another a run over 100 customers took the sum of 100 waits. Outcomes come back in the changes' order.
    /// </summary>
    public async Task<IReadOnlyList<ItemOutcome<RelationshipChange, DelegatedAdminRelationshipInfo>>> ApplyGlobalAdministratorRemovalsAsync(
        IReadOnlyList<RelationshipChange> changes, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        if (changes is null) throw new ArgumentNullException(nameof(changes));
        return await BoundedConcurrency.SelectAsync(changes, maxConcurrency, async change =>
        {
            try
            {
                return new ItemOutcome<RelationshipChange, DelegatedAdminRelationshipInfo>(change, await ApplyGlobalAdministratorRemovalAsync(change, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // One relationship's failure is its own outcome; the others go on.
                return new ItemOutcome<RelationshipChange, DelegatedAdminRelationshipInfo>(change, null, ex);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DelegatedAdminRelationshipInfo> RemoveAsync(IGlobalAdministratorRemoval removal, RelationshipChange change, CancellationToken cancellationToken)
    {
        return await removal.RemoveGlobalAdministratorAsync(change.Relationship.Id, await ETagAsync(change, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private static Task<DelegatedAdminRelationshipInfo>? Skip(RelationshipChange change)
    {
        if (change is null) throw new ArgumentNullException(nameof(change));
        return change.Kind switch
        {
            RelationshipChangeKind.NoChange => Task.FromResult(change.Relationship),
            RelationshipChangeKind.NotAllowed => throw new PartnerRelationshipsException(change.ErrorId ?? ErrorIds.Template.TemplateItemNotApplicable,
                ErrorKind.InvalidOperation, change.Description + ".", change.Relationship.Id),
            _ => null,
        };
    }

    private async Task<IReadOnlyList<DelegatedAdminRelationshipInfo>> ActiveAsync(string customerTenantId, CancellationToken cancellationToken)
    {
        var tenant = TenantIds.Require(customerTenantId);
        var list = new List<DelegatedAdminRelationshipInfo>();
        await foreach (var r in _graphGdap.ListRelationshipsAsync(new RelationshipFilter { CustomerTenantId = tenant }, cancellationToken).ConfigureAwait(false))
        {
            if (r.Status is RelationshipStatus.Active or RelationshipStatus.Expiring) list.Add(r);
        }

        return list;
    }

    private static bool HasGlobalAdministrator(DelegatedAdminRelationshipInfo r) => r.Roles.Contains(RoleCatalog.GlobalAdministrator, StringComparer.OrdinalIgnoreCase);

    private static string Name(DelegatedAdminRelationshipInfo r) => $"relationship '{r.DisplayName}' ({r.CustomerName ?? r.CustomerTenantId})";
}
