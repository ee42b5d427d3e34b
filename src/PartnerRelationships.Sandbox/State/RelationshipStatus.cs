namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// The delegatedAdminRelationshipStatus values the sandbox produces (the documented enum less unknownFutureValue).
/// The transitional ones follow the clock (see <see cref="DocumentedBehaviour"/>): approved → activating → active
/// after the customer approves, terminationRequested → terminating → terminated after a terminate request, and
/// expiring during the last <see cref="SandboxState.ExpiringWindow"/> of a relationship that does not auto-extend.
/// The enum has no "rejected": a customer who declines (or never answers) leaves the request in approvalPending until
/// the 90-day approval window closes, and it then shows as <see cref="Expired"/> with no activatedDateTime. The sandbox's
/// "reject" control therefore moves the relationship straight to expired (activatedDateTime null).
/// </summary>
public static class RelationshipStatus
{
    public const string Created = "created";
    public const string ApprovalPending = "approvalPending";
    public const string Approved = "approved";
    public const string Activating = "activating";
    public const string Active = "active";
    public const string Expiring = "expiring";
    public const string TerminationRequested = "terminationRequested";
    public const string Terminating = "terminating";
    public const string Terminated = "terminated";
    public const string Expired = "expired";

    /// <summary>Grants the partner its roles now (active, or active and close to its end).</summary>
    public static bool IsLive(string status) => status is Active or Expiring;
}
