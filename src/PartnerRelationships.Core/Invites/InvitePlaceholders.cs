using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PartnerRelationships.Core.Errors;

using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// Fills <c>{Name}</c> placeholders (case-insensitive) in a subject or body; <c>{{</c> and <c>}}</c> are literal
/// braces. A single brace that does not close on the same line is kept as it is.
/// </summary>
public static class InvitePlaceholders
{
    public const string PartnerName = nameof(PartnerName);
    public const string PartnerId = nameof(PartnerId);
    public const string CustomerName = nameof(CustomerName);
    public const string CustomerEmail = nameof(CustomerEmail);
    public const string Link = nameof(Link);

    /// <summary>The placeholders a template may use, in the order they are suggested.</summary>
    public static IReadOnlyList<string> Allowed { get; } = new[] { CustomerName, CustomerEmail, PartnerName, PartnerId, Link };

    /// <summary>Replaces placeholders with <paramref name="values"/> (keys matched case-insensitively).</summary>
    /// <param name="origin">Where the text came from, for the error message (e.g. "the -Subject text").</param>
    public static string Render(string text, IReadOnlyDictionary<string, string> values, string origin)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in values)
        {
            lookup[pair.Key] = pair.Value;
        }

        var output = new StringBuilder(text.Length + 256);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                output.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                output.Append('}');
                i += 2;
            }
            else if (c == '{' && TryFindClose(text, i, out var close))
            {
                var name = text.Substring(i + 1, close - i - 1).Trim();
                if (!lookup.TryGetValue(name, out var value))
                {
                    throw UnknownPlaceholder(name, origin);
                }

                output.Append(value);
                i = close + 1;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    /// <summary>The closest allowed placeholder to a misspelt one, or null when none is close.</summary>
    public static string? Suggest(string unknown)
    {
        var typed = Simplify(unknown);
        if (typed.Length == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var allowed in Allowed)
        {
            // Compare with the whole name and its last word, so {Nmae} finds {CustomerName} and {mail} {CustomerEmail}.
            foreach (var form in FormsOf(allowed))
            {
                var distance = EditDistance.Between(typed, form);
                if (distance <= Tolerance(form) && distance < bestDistance)
                {
                    best = allowed;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    private static bool TryFindClose(string text, int open, out int close)
    {
        for (var j = open + 1; j < text.Length; j++)
        {
            var c = text[j];
            if (c == '}')
            {
                close = j;
                return j > open + 1 && text.Substring(open + 1, j - open - 1).Trim().Length > 0;
            }

            if (c is '{' or '\n' or '\r')
            {
                break;
            }
        }

        close = -1;
        return false;
    }

    private static PartnerRelationshipsException UnknownPlaceholder(string name, string origin)
    {
        var suggestion = Suggest(name);
        var hint = suggestion is null ? "" : $" Did you mean {{{suggestion}}}?";
        var allowed = string.Join(", ", Allowed.Select(a => "{" + a + "}"));
        return new PartnerRelationshipsException(
            ErrorIds.Invite.InviteTemplateUnknownPlaceholder,
            ErrorKind.InvalidData,
            $"{Capitalise(origin)} uses the placeholder {{{InputExcerpt.Of(name)}}}, which is not known.{hint} " +
            $"Allowed placeholders: {allowed}. Write {{{{ and }}}} for a literal brace.",
            "{" + InputExcerpt.Of(name) + "}");
    }

    private static IEnumerable<string> FormsOf(string allowed)
    {
        yield return allowed.ToLowerInvariant();
        var lastWord = allowed.Length - 1;
        while (lastWord > 0 && !char.IsUpper(allowed[lastWord]))
        {
            lastWord--;
        }

        if (lastWord > 0)
        {
            yield return allowed.Substring(lastWord).ToLowerInvariant();
        }
    }

    private static int Tolerance(string form) => Math.Max(1, (form.Length + 2) / 3);

    private static string Simplify(string name) =>
        new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
