using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Configuration;

/// <summary>Finds the known key a misspelt one was probably meant to be (Levenshtein distance, case-insensitive).</summary>
internal static class KeySuggester
{
    public static string? Nearest(string typed, IEnumerable<string> known)
    {
        // Allow roughly one edit per three characters, at least two: catches typos, not unrelated words.
        var limit = Math.Max(2, typed.Length / 3);
        return known
            .Select(candidate => (candidate, distance: Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(pair => pair.distance <= limit)
            .OrderBy(pair => pair.distance)
            .Select(pair => pair.candidate)
            .FirstOrDefault();
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
