namespace PartnerRelationships.Core.Invites;

/// <summary>What the user asked for: who to invite, optional wording, and where to save the draft.</summary>
public sealed class ResellerInviteRequest
{
    public string CustomerName { get; set; } = "";
    public string CustomerEmail { get; set; } = "";

    /// <summary>The customer's Entra tenant id (GUID), when known.</summary>
    public string? CustomerTenantId { get; set; }

    /// <summary>Replaces the template's subject; may use placeholders. Blank means "not given".</summary>
    public string? Subject { get; set; }

    /// <summary>Replaces the template's body; must keep {Link} (or the link itself). Blank means "not given".</summary>
    public string? Body { get; set; }

    /// <summary>A template file (first line "Subject: …", blank line, body), already resolved to a full path.</summary>
    public string? TemplatePath { get; set; }

    /// <summary>Where to write the .eml draft: a file path, or an existing folder (file named after the customer).</summary>
    public string? DraftFile { get; set; }

    /// <summary>Replace an existing draft file instead of refusing.</summary>
    public bool OverwriteDraftFile { get; set; }

    /// <summary>
    /// Record another invite although one to the same address is still pending. Without it, the pending invite is
    /// returned instead (its draft finished if it is missing), so re-running a batch never doubles an invite.
    /// </summary>
    public bool AllowDuplicate { get; set; }

    /// <summary>
    /// The reseller link Partner Center gave for this partner (GET /v1/customers/relationshiprequests), which is
    /// authoritative; null: the link is composed from the configuration.
    /// </summary>
    public string? ServiceLink { get; set; }
}
