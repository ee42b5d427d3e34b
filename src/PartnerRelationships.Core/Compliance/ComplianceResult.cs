using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Compliance;

/// <summary>The outcome of one run: the findings (most severe first) and the counts a report summarises.</summary>
public sealed class ComplianceResult
{
    public ComplianceResult(
        DateTimeOffset startedAt,
        DateTimeOffset completedAt,
        IReadOnlyList<Finding> findings,
        IReadOnlyList<ComplianceRuleSummary> rules,
        FindingSeverity minimumSeverity,
        DateTimeOffset? previousRunAt,
        long? runId,
        string scope,
        IReadOnlyList<string> disabledRules,
        ComplianceCoverage coverage,
        ComplianceTimeline? timeline = null)
    {
        StartedAt = startedAt;
        CompletedAt = completedAt;
        Findings = findings ?? throw new ArgumentNullException(nameof(findings));
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
        MinimumSeverity = minimumSeverity;
        PreviousRunAt = previousRunAt;
        RunId = runId;
        Scope = scope ?? "";
        DisabledRules = disabledRules ?? Array.Empty<string>();
        Coverage = coverage ?? throw new ArgumentNullException(nameof(coverage));
        Timeline = timeline ?? ComplianceTimeline.Empty(completedAt);
    }

    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset CompletedAt { get; }
    public TimeSpan Duration => CompletedAt - StartedAt;

    /// <summary>Most urgent first: most severe, then what ends soonest, then by customer, rule and key.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Every evaluated rule, in id order, with its counts (zero counts included).</summary>
    public IReadOnlyList<ComplianceRuleSummary> Rules { get; }

    public FindingSeverity MinimumSeverity { get; }

    /// <summary>When the previous run over the same customers was recorded; null on a first run.</summary>
    public DateTimeOffset? PreviousRunAt { get; }

    /// <summary>The recorded run's id; null when the run was not recorded.</summary>
    public long? RunId { get; }

    /// <summary>"" for all customers, otherwise the customer filter the run used.</summary>
    public string Scope { get; }

    /// <summary>Rules switched off in the configuration (compliance.disabledRules).</summary>
    public IReadOnlyList<string> DisabledRules { get; }

    /// <summary>How much the run looked at.</summary>
    public ComplianceCoverage Coverage { get; }

    /// <summary>How many active relationships end in each of the coming weeks.</summary>
    public ComplianceTimeline Timeline { get; }

    public int NewCount => Findings.Count(f => f.IsNew);

    public int CountOf(FindingSeverity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>Whether <see cref="ComplianceFailOn"/> at this threshold makes the run fail.</summary>
    public bool HasFindingsAtOrAbove(FindingSeverity severity) => Findings.Any(f => f.Severity >= severity);
}

/// <summary>How much a run looked at (after the customer filter).</summary>
public sealed record ComplianceCoverage(int Invites, int Relationships, int Customers);
