namespace PartnerRelationships.Sandbox.Faults;

/// <summary>What happens to one API call.</summary>
internal sealed record FaultDecision(
    TimeSpan Latency,
    int? ThrottleRetryAfterSeconds,
    int? ServerErrorStatus,
    bool DropConnection,
    bool LoseCreateResponse)
{
    public static FaultDecision None { get; } = new(TimeSpan.Zero, null, null, false, false);
}
