namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>Where a run is: which phase, and how far (<see cref="Total"/> is null while it is not known yet).</summary>
public sealed record ComplianceProgress(CompliancePhase Phase, int Completed, int? Total, string Activity)
{
    /// <summary>0–100 when the total is known, otherwise null.</summary>
    public int? PercentComplete => Total is > 0 ? (int)System.Math.Min(100, Completed * 100L / Total.Value) : null;
}

public enum CompliancePhase
{
    Invites,
    Relationships,
    AccessAssignments,
    Customers,
    Rules,
    Recording,
}
