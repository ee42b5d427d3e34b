using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Templates;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// Applies an accepted invite's template: creates (or corrects) each group's access assignment and writes every
/// group's state to the invite's history. Failures are recorded per group rather than thrown, so one bad group never
/// stops the sync; assignments the template does not list are left alone (removing is for a reviewed plan).
/// </summary>
public sealed class TemplateAcceptance
{
    private readonly IRelationshipStore _store;
    private readonly IGraphGdapClient _graphGdap;
    private readonly TimeProvider _clock;

    public TemplateAcceptance(IRelationshipStore store, IGraphGdapClient graphGdap, TimeProvider clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _graphGdap = graphGdap ?? throw new ArgumentNullException(nameof(graphGdap));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <param name="template">Null when the invite's template is not in the configuration (recorded as an error).</param>
    public async Task<IReadOnlyList<TemplateAssignmentOutcome>> ApplyAsync(ResellerInvite invite, DelegatedAdminRelationshipInfo relationship, AccessTemplate? template, CancellationToken cancellationToken = default)
    {
        if (invite is null) throw new ArgumentNullException(nameof(invite));
        if (relationship is null) throw new ArgumentNullException(nameof(relationship));
        var name = invite.Template ?? template?.Name ?? "";
        var outcomes = new List<TemplateAssignmentOutcome>();
        if (template is null)
        {
            await NoteAsync(invite, $"template {name}: not applied: the configuration has no template of that name; add it and run {CommandNames.CompareAdminPermission} -{ParameterNames.Template} {name}", cancellationToken).ConfigureAwait(false);
            return outcomes;
        }

        AccessPlan plan;
        try
        {
            plan = await new TemplatePlanner(_graphGdap).PlanRelationshipsAsync(template, new[] { relationship }, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerRelationshipsException ex)
        {
            await NoteAsync(invite, $"template {name}: not applied: {ex.Message}", cancellationToken).ConfigureAwait(false);
            return outcomes;
        }

        foreach (var item in plan.Items)
        {
            var roles = item.Roles.Select(r => r.Name).ToList();
            TemplateAssignmentOutcome outcome;
            switch (item.Kind)
            {
                case AccessPlanItemKind.Add or AccessPlanItemKind.Change:
                    try
                    {
                        var assignment = await new TemplatePlanner(_graphGdap).ApplyAsync(plan, item, cancellationToken).ConfigureAwait(false);
                        outcome = new(name, item.GroupId!, item.GroupName, roles, assignment?.Status ?? "pending", assignment?.Id, null);
                    }
                    catch (PartnerRelationshipsException ex)
                    {
                        outcome = new(name, item.GroupId!, item.GroupName, roles, TemplateAssignmentOutcome.Error, item.AssignmentId, ex.Message);
                    }

                    break;
                case AccessPlanItemKind.GroupMissing:
                    outcome = new(name, item.GroupId!, item.GroupName, template.Groups.First(g => g.Id == item.GroupId).Roles.Select(r => r.Name).ToList(),
                        TemplateAssignmentOutcome.Error, null, "the group no longer exists in the partner tenant");
                    break;
                case AccessPlanItemKind.RelationshipCannotSatisfy:
                    await NoteAsync(invite, $"template {name}: the relationship lacks {string.Join(", ", item.MissingRoles.Select(r => r.Name))}; groups needing them were not assigned", cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    continue; // Remove: not done automatically.
            }

            outcomes.Add(outcome);
            await NoteAsync(invite, outcome.Note, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private async Task NoteAsync(ResellerInvite invite, string note, CancellationToken cancellationToken)
    {
        if (_store is IInviteNotes notes)
        {
            await notes.AddNoteAsync(invite.Id, _clock.GetUtcNow(), note, cancellationToken).ConfigureAwait(false);
        }
    }
}
