using System;
using System.Globalization;
using System.Linq;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Compliance;

/// <summary>
/// <c>-FailOn Warning|Error</c>: a scheduled run fails when it reported a finding at or above the threshold. The
/// cmdlet throws the error as a terminating error, so <c>pwsh -File</c> exits non-zero.
/// </summary>
public static class ComplianceFailOn
{
    public static bool Fails(ComplianceResult result, FindingSeverity failOn)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        return result.HasFindingsAtOrAbove(failOn);
    }

    /// <summary>The error to raise when the run fails at <paramref name="failOn"/>; null when it passes (or no threshold).</summary>
    public static PartnerRelationshipsException? Evaluate(ComplianceResult result, FindingSeverity? failOn)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (failOn is not { } threshold || !result.HasFindingsAtOrAbove(threshold))
        {
            return null;
        }

        var failing = result.Findings.Where(f => f.Severity >= threshold).ToList();
        var byRule = failing.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.First().RuleName}: {g.Count().ToString(CultureInfo.InvariantCulture)}");
        var levels = threshold == FindingSeverity.Error ? "Error" : threshold == FindingSeverity.Warning ? "Warning or Error" : "any";
        return new PartnerRelationshipsException(
            ErrorIds.Compliance.ComplianceCheckFailed,
            ErrorKind.InvalidData,
            $"The compliance check found {failing.Count.ToString(CultureInfo.InvariantCulture)} finding(s) of severity {levels} " +
            $"({string.Join("; ", byRule)}). Review the findings and act on their recommendations, or switch off a rule with compliance.disabledRules.",
            threshold);
    }
}
