namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// Receives telemetry about remote calls. The cmdlet layer turns attempts into -Verbose lines and bodies into
/// -Debug lines. Everything it receives is already redacted; implementations must not throw.
/// </summary>
public interface IRemoteCallObserver
{
    /// <summary>One event per attempt (so a call retried twice reports three), in order.</summary>
    void OnAttempt(RemoteAttempt attempt);

    /// <summary>False skips body capture entirely, so a plain run pays nothing for -Debug support.</summary>
    bool TraceBodies { get; }

    void OnBody(RemoteBodyTrace body);
}
