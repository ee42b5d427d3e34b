namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>The report kinds a run can write: JSON and CSV for machines, HTML for people.</summary>
// Names, not numbers, in PowerShell's ConvertTo-Json (which uses Newtonsoft.Json).
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ComplianceReportFormat
{
    Json,
    Csv,
    Html,
}
