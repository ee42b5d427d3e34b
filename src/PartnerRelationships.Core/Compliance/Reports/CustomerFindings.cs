using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// A customer's findings, for the reports that group by customer: the worst severity and the soonest end date decide
/// how urgent the customer is, so the ones to act on first come first.
/// </summary>
public sealed class CustomerFindings
{
    private CustomerFindings(string name, string? tenantId, IReadOnlyList<Finding> findings)
    {
        Name = name;
        TenantId = tenantId;
        Findings = findings;
        Worst = findings.Max(f => f.Severity);
        EndsSoonest = findings.Where(f => f.EndsAt is not null).Select(f => f.EndsAt).Min();
    }

    public string Name { get; }

    public string? TenantId { get; }

    /// <summary>In the result's order (most urgent first).</summary>
    public IReadOnlyList<Finding> Findings { get; }

    public FindingSeverity Worst { get; }

    public DateTimeOffset? EndsSoonest { get; }

    public int CountOf(FindingSeverity severity) => Findings.Count(f => f.Severity == severity);

    public int NewCount => Findings.Count(f => f.IsNew);

    /// <summary>Groups findings by customer (tenant id, else name), most urgent customer first.</summary>
    public static IReadOnlyList<CustomerFindings> Group(IEnumerable<Finding> findings)
    {
        var groups = new Dictionary<string, List<Finding>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var f in findings ?? throw new ArgumentNullException(nameof(findings)))
        {
            var key = f.CustomerTenantId ?? (f.CustomerName is null ? "" : "name:" + f.CustomerName);
            if (!groups.TryGetValue(key, out var list))
            {
                list = new List<Finding>();
                groups.Add(key, list);
                order.Add(key);
            }

            list.Add(f);
        }

        return order
            .Select(key => groups[key])
            .Select(list => new CustomerFindings(
                list.Select(f => f.CustomerName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
                    ?? list[0].CustomerTenantId ?? "(no customer)",
                list[0].CustomerTenantId,
                list))
            .OrderByDescending(c => c.Worst)
            .ThenBy(c => c.EndsSoonest ?? DateTimeOffset.MaxValue)
            .ThenByDescending(c => c.Findings.Count)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
