using System.Text;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// The $filter forms the module uses on delegatedAdminRelationships: <c>status eq '…'</c>,
/// <c>customer/tenantId eq '…'</c> and <c>displayName eq '…'</c>, combined with <c>and</c>. Anything else is a 400,
/// like the service answers an unsupported filter.
/// </summary>
internal static class RelationshipFilter
{
    public static Func<SandboxRelationship, bool> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return static _ => true;
        }

        var clauses = new List<Func<SandboxRelationship, bool>>();
        foreach (var clause in SplitOnAnd(filter!))
        {
            var (property, value) = ParseEquality(clause, filter!);
            clauses.Add(property.ToLowerInvariant() switch
            {
                "status" => r => string.Equals(r.Status, value, StringComparison.OrdinalIgnoreCase),
                "customer/tenantid" => r => string.Equals(r.CustomerTenantId, value, StringComparison.OrdinalIgnoreCase),
                "displayname" => r => string.Equals(r.DisplayName, value, StringComparison.OrdinalIgnoreCase),
                "id" => r => string.Equals(r.Id, value, StringComparison.OrdinalIgnoreCase),
                _ => throw Unsupported(filter!),
            });
        }

        return r => clauses.TrueForAll(c => c(r));
    }

    private static (string Property, string Value) ParseEquality(string clause, string filter)
    {
        var text = clause.Trim();
        var eq = text.IndexOf(" eq ", StringComparison.OrdinalIgnoreCase);
        if (eq <= 0)
        {
            throw Unsupported(filter);
        }

        var property = text.Substring(0, eq).Trim();
        var literal = text.Substring(eq + 4).Trim();
        if (literal.Length < 2 || literal[0] != '\'' || literal[literal.Length - 1] != '\'')
        {
            throw Unsupported(filter);
        }

        // OData escapes a quote inside a string literal by doubling it.
        return (property, literal.Substring(1, literal.Length - 2).Replace("''", "'"));
    }

    /// <summary>Splits on " and " outside quoted literals.</summary>
    private static IEnumerable<string> SplitOnAnd(string filter)
    {
        var current = new StringBuilder();
        var inQuote = false;
        for (var i = 0; i < filter.Length; i++)
        {
            var ch = filter[i];
            if (ch == '\'')
            {
                inQuote = !inQuote;
            }

            if (!inQuote && i + 5 <= filter.Length && string.Compare(filter, i, " and ", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
            {
                yield return current.ToString();
                current.Clear();
                i += 4;
                continue;
            }

            current.Append(ch);
        }

        yield return current.ToString();
    }

    private static SandboxRuleException Unsupported(string filter) => SandboxRuleException.BadRequest(
        $"The $filter '{filter}' is not supported. Use status eq '…', customer/tenantId eq '…' or displayName eq '…', joined with 'and'.");
}
