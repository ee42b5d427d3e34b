using System.Collections.Generic;

namespace PartnerRelationships.Core.Compliance;

/// <summary>What one run covers. Unset members do not filter.</summary>
public sealed record ComplianceCheckOptions
{
    /// <summary>Rule ids or names (case-insensitive) to evaluate; null or empty means every enabled rule.</summary>
    public IReadOnlyCollection<string>? Rules { get; init; }

    /// <summary>Customer names or tenant ids, with <c>*</c> and <c>?</c> wildcards; null or empty means every customer.</summary>
    public IReadOnlyCollection<string>? Customers { get; init; }

    /// <summary>Findings below this severity are left out of the result (they still count for "new since last run").</summary>
    public FindingSeverity MinimumSeverity { get; init; } = FindingSeverity.Info;

    /// <summary>Record the run in the store (the default) so the next run can say what is new.</summary>
    public bool RecordRun { get; init; } = true;
}
