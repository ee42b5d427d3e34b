namespace PartnerRelationships.Core.Compliance;

/// <summary>How urgent a finding is; ordered so a higher value is more severe. See <see cref="RuleSeverities"/>.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum FindingSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
