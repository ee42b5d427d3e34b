using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Compliance;

/// <summary>
/// Which customers a run covers: PowerShell-style wildcards (<see cref="TextWildcard"/>) matched against
/// the customer's name or tenant id. No patterns means every customer.
/// </summary>
public sealed class CustomerScope
{
    private readonly TextWildcard[] _patterns;

    public CustomerScope(IEnumerable<string>? patterns)
    {
        var list = (patterns ?? Enumerable.Empty<string>())
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(p => p, StringComparer.OrdinalIgnoreCase)
            .ToArray();
        Patterns = list;
        _patterns = list.Select(p => new TextWildcard(p)).ToArray();

        // Runs are compared only with runs over the same customers, so "new since last run" stays exact.
        Scope = list.Length == 0 ? "" : "customer=" + string.Join("|", list.Select(p => p.ToLowerInvariant()));
    }

    public static CustomerScope All { get; } = new(null);

    public IReadOnlyList<string> Patterns { get; }

    public bool MatchesAll => _patterns.Length == 0;

    /// <summary>The run scope recorded in the store: "" for all customers.</summary>
    public string Scope { get; }

    public bool Matches(string? tenantId, string? name)
    {
        if (MatchesAll)
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(tenantId) || pattern.IsMatch(name))
            {
                return true;
            }
        }

        return false;
    }
}
