using System.Collections.Generic;

namespace PartnerRelationships.Core.Templates;

/// <summary>
/// What applying a template on acceptance did for one group: the assignment's state as the service reported it
/// (pending, active) or error, with the reason. Also written to the invite's history as a note.
/// </summary>
public sealed record TemplateAssignmentOutcome(string Template, string GroupId, string? GroupName, IReadOnlyList<string> Roles, string State, string? AssignmentId, string? Detail)
{
    public const string Error = "error";

    /// <summary>The history note: "template Support: group Agents (id) Helpdesk Administrator: pending".</summary>
    public string Note =>
        $"template {Template}: group {(GroupName is null ? GroupId : $"{GroupName} ({GroupId})")} {string.Join(", ", Roles)}: {State}" +
        (Detail is null ? "" : $" ({Detail})");

    /// <summary>The note: what a CSV export of a sync's transitions shows for each assignment.</summary>
    public override string ToString() => Note;
}
