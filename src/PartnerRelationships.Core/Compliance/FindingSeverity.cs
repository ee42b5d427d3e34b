namespace PartnerRelationships.Core.Compliance;

/// <summary>How urgent a finding is; ordered so a higher value is more severe. See <see cref="RuleSeverities"/>.</summary>
public enum FindingSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
