namespace PartnerRelationships.Core.Invites;

/// <summary>The outcome of recording an invite: the invite as stored, and the .eml written, if any.</summary>
public sealed class CreatedInvite
{
    public CreatedInvite(ResellerInvite invite, string? draftFile, bool alreadyPending = false)
    {
        Invite = invite;
        DraftFile = draftFile;
        AlreadyPending = alreadyPending;
    }

    public ResellerInvite Invite { get; }

    /// <summary>The full path of the .eml draft, or null when none was asked for.</summary>
    public string? DraftFile { get; }

    /// <summary>
    /// True when nothing new was recorded because an invite to the same address was already pending: <see cref="Invite"/>
    /// is that invite (callers warn, and say how to record another).
    /// </summary>
    public bool AlreadyPending { get; }
}
