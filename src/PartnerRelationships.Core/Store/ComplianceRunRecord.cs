using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Store;

/// <summary>One recorded compliance run: when, over what, and how many findings per rule and severity.</summary>
public sealed record ComplianceRunRecord
{
    /// <summary>Assigned by the store; 0 before the run is recorded.</summary>
    public long Id { get; init; }

    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>What the run covered besides its rules (e.g. a customer filter); "" for all customers.</summary>
    public string Scope { get; init; } = "";

    /// <summary>The ids of the rules the run evaluated.</summary>
    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    public int FindingCount { get; init; }

    public IReadOnlyList<ComplianceRunCount> Counts { get; init; } = Array.Empty<ComplianceRunCount>();
}

/// <summary>How many findings one rule produced at one severity in a run.</summary>
public sealed record ComplianceRunCount(string RuleId, string Severity, int Count);

/// <summary>How much of the run history keeps its finding keys.</summary>
public static class ComplianceRunRetention
{
    /// <summary>Only "new since the last run" needs keys; a few extra runs leave room to look back.</summary>
    public const int KeptKeySetsPerScope = 10;
}
