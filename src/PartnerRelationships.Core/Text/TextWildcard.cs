using System;
using System.Text.RegularExpressions;

namespace PartnerRelationships.Core.Text;

/// <summary>
/// A PowerShell-style wildcard (<c>*</c> any run, <c>?</c> one character, a backtick makes the next character literal),
/// matched case-insensitively against the whole text. Core has no PowerShell types, so it carries its own matcher.
/// </summary>
public sealed class TextWildcard
{
    private readonly Regex _regex;

    public TextWildcard(string pattern)
    {
        Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        _regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Pattern { get; }

    /// <summary>True when the pattern has an unescaped <c>*</c> or <c>?</c>.</summary>
    public static bool ContainsWildcard(string? pattern)
    {
        if (pattern is null) return false;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '`') { i++; continue; }
            if (pattern[i] is '*' or '?') return true;
        }

        return false;
    }

    /// <summary>The literal text before the first wildcard (all of it when there is none), escapes removed.</summary>
    public string LiteralPrefix
    {
        get
        {
            var prefix = new System.Text.StringBuilder(Pattern.Length);
            for (var i = 0; i < Pattern.Length; i++)
            {
                var c = Pattern[i];
                if (c is '*' or '?') break;
                if (c == '`' && i + 1 < Pattern.Length) c = Pattern[++i];
                prefix.Append(c);
            }

            return prefix.ToString();
        }
    }

    public bool IsMatch(string? text) => text is not null && _regex.IsMatch(text);

    private static string ToRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder("^", pattern.Length + 8);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': regex.Append(".*"); break;
                case '?': regex.Append('.'); break;
                case '`' when i + 1 < pattern.Length: regex.Append(Regex.Escape(pattern[++i].ToString())); break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }

        return regex.Append('$').ToString();
    }
}
