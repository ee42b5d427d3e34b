namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// The delegatedAdminRelationshipStatus values the sandbox produces (a subset of the documented enum).
/// The enum has no "rejected": a customer who declines (or never answers) leaves the request in approvalPending until
/// the 90-day approval window closes, and it then shows as <see cref="Expired"/> with no activatedDateTime. The sandbox's
/// "reject" control therefore moves the relationship straight to expired (activatedDateTime null).
/// </summary>
public static class RelationshipStatus
{
    public const string Created = "created";
    public const string ApprovalPending = "approvalPending";
    public const string Active = "active";
    public const string TerminationRequested = "terminationRequested";
    public const string Terminated = "terminated";
    public const string Expired = "expired";
}
