using System;
using System.Collections.Generic;
using System.Globalization;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance.Rules;

/// <summary>Shared plumbing for the built-in rules: identity, and findings that carry it.</summary>
public abstract class ComplianceRule : IComplianceRule
{
    protected ComplianceRule(string id, string name, FindingSeverity severity, string description)
    {
        Id = id;
        Name = name;
        Severity = severity;
        Description = description;
    }

    public string Id { get; }
    public string Name { get; }
    public FindingSeverity Severity { get; }
    public string Description { get; }

    public abstract IEnumerable<Finding> Evaluate(ComplianceSnapshot snapshot, ComplianceContext context);

    /// <param name="subject">What the finding is about, stable across runs (e.g. "relationship/{id}").</param>
    protected Finding NewFinding(string subject, string message, string recommendation) => new()
    {
        RuleId = Id,
        RuleName = Name,
        Severity = Severity,
        Message = message,
        Recommendation = recommendation,
        Key = Finding.KeyFor(Id, subject),
    };

    protected Finding About(ComplianceRelationship r, ComplianceSnapshot snapshot, string subject, string message, string recommendation) =>
        NewFinding(subject, message, recommendation) with
        {
            CustomerTenantId = r.CustomerTenantId,
            CustomerName = snapshot.CustomerNameOf(r.CustomerTenantId, r.CustomerName),
            RelationshipId = r.Id,
            RelationshipName = r.DisplayName,
            EndsAt = r.IsActive ? r.EndDateTime : null,
        };

    protected static string RelationshipSubject(ComplianceRelationship r) => "relationship/" + r.Id;

    protected static string Customer(string? name, string? tenantId) =>
        !string.IsNullOrWhiteSpace(name) ? name! : tenantId is not null ? "customer " + tenantId : "an unnamed customer";

    protected static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static string Days(TimeSpan span)
    {
        var days = (int)Math.Floor(span.TotalDays);
        return days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";
    }
}
