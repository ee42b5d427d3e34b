namespace PartnerRelationships.Core.Invites;

/// <summary>The outcome of recording an invite: the invite as stored, and the .eml written, if any.</summary>
public sealed class CreatedInvite
{
    public CreatedInvite(ResellerInvite invite, string? draftFile)
    {
        Invite = invite;
        DraftFile = draftFile;
    }

    public ResellerInvite Invite { get; }

    /// <summary>The full path of the .eml draft, or null when none was asked for.</summary>
    public string? DraftFile { get; }
}
