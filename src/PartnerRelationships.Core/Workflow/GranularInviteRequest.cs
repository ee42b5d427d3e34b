using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Workflow;

/// <summary>What the user asked for in a granular admin (GDAP) invite. Unset members fall back to the configuration.</summary>
public sealed class GranularInviteRequest
{
    public string CustomerName { get; set; } = "";
    public string CustomerEmail { get; set; } = "";

    /// <summary>Restricts approval to this tenant; null lets any customer approve the link.</summary>
    public string? CustomerTenantId { get; set; }

    /// <summary>1–50 characters, unique among the partner's relationships. Null: invites.displayNamePrefix + customer + date.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Built-in role names or ids. Null or empty: invites.roles from the configuration.</summary>
    public IReadOnlyList<string>? Roles { get; set; }

    /// <summary>1 to 730 whole days. Null: invites.duration from the configuration.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Auto-extend by 180 days at the end. Null: invites.autoExtend from the configuration.</summary>
    public bool? AutoExtend { get; set; }

    /// <summary>Replaces the built-in subject; may use placeholders. Blank means "not given".</summary>
    public string? Subject { get; set; }

    /// <summary>Replaces the built-in body; must keep {Link}. Blank means "not given".</summary>
    public string? Body { get; set; }

    /// <summary>A template file (first line "Subject: …", blank line, body), already resolved to a full path.</summary>
    public string? TemplatePath { get; set; }

    /// <summary>Where to write the .eml draft: a file path, or an existing folder.</summary>
    public string? DraftFile { get; set; }

    public bool OverwriteDraftFile { get; set; }

    /// <summary>
    /// Create another relationship although an invite to the same customer with the same access is still awaiting
    /// approval. Without it that invite is returned (<see cref="Invites.CreatedInvite.AlreadyPending"/>), so re-running a
    /// batch never sends a customer a second approval request.
    /// </summary>
    public bool AllowDuplicate { get; set; }

    /// <summary>
    /// An access template from the configuration (templates:), by name: it sets the roles (so <see cref="Roles"/> must be
    /// left empty), and the duration, auto-extend and display name prefix unless given here. The invite records the name
    /// and the sync that sees it accepted creates the template's access assignments.
    /// </summary>
    public string? AccessTemplate { get; set; }
}
