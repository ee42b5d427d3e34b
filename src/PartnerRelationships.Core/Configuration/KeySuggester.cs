using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Configuration;

/// <summary>Finds the known key a misspelt one was probably meant to be (edit distance, case-insensitive).</summary>
internal static class KeySuggester
{
    public static string? Nearest(string typed, IEnumerable<string> known)
    {
        // Allow roughly one edit per three characters, at least two: catches typos, not unrelated words.
        var limit = Math.Max(2, typed.Length / 3);
        return known
            .Select(candidate => (candidate, distance: EditDistance.Between(typed.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(pair => pair.distance <= limit)
            .OrderBy(pair => pair.distance)
            .Select(pair => pair.candidate)
            .FirstOrDefault();
    }
}
