namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// How far a long operation is, for the cmdlet's Write-Progress: what it does, what it does now, and
/// <see cref="Current"/> of <see cref="Total"/> items (Total null while still unknown).
/// </summary>
public sealed record WorkProgress(string Activity, string Status, int Current, int? Total)
{
    /// <summary>0–100, or -1 when the total is unknown (Write-Progress's "no percentage").</summary>
    public int PercentComplete => Total is > 0 ? (int)(100L * System.Math.Min(Current, Total.Value) / Total.Value) : -1;
}
