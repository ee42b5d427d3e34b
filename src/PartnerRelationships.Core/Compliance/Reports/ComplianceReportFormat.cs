namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>The report kinds a run can write: JSON and CSV for machines, HTML for people.</summary>
public enum ComplianceReportFormat
{
    Json,
    Csv,
    Html,
}
