namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>One report file to write (or written): its format and full path.</summary>
public sealed record ComplianceReportFile(ComplianceReportFormat Format, string Path);
