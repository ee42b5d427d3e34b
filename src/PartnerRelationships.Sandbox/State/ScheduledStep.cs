namespace PartnerRelationships.Sandbox.State;

/// <summary>A status change the service makes on its own after a request (lock, approval, termination), due on the sandbox clock.</summary>
internal sealed record ScheduledStep(DateTimeOffset Due, string Step)
{
    /// <summary>The lockForApproval request is processed: created → approvalPending.</summary>
    public const string Lock = "lock";

    public const string Activating = RelationshipStatus.Activating;
    public const string Active = RelationshipStatus.Active;
    public const string TerminationRequested = RelationshipStatus.TerminationRequested;
    public const string Terminating = RelationshipStatus.Terminating;
    public const string Terminated = RelationshipStatus.Terminated;
}
