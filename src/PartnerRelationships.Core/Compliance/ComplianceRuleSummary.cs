namespace PartnerRelationships.Core.Compliance;

/// <summary>One evaluated rule in a result: how many findings it reported, and how many of them are new.</summary>
public sealed record ComplianceRuleSummary(string RuleId, string RuleName, FindingSeverity Severity, string Description, int Count, int NewCount);
