using System.Collections.Generic;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance;

/// <summary>One compliance rule: a stable id, a severity (see <see cref="RuleSeverities"/>) and what it looks for.</summary>
public interface IComplianceRule
{
    /// <summary>Stable id, e.g. PR001 (<see cref="ComplianceRuleIds"/>).</summary>
    string Id { get; }

    /// <summary>PascalCase name, e.g. PendingInviteTooLong.</summary>
    string Name { get; }

    FindingSeverity Severity { get; }

    /// <summary>One sentence: what the rule looks for.</summary>
    string Description { get; }

    /// <summary>Reads the snapshot only; never calls the service.</summary>
    IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context);
}
