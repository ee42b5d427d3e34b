using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Works out the dotted key path of the block-style key at a line and column from the raw text. Needed where
/// YamlDotNet stops before building a tree (a repeated key) and only gives a position.
/// </summary>
internal static class YamlKeyPath
{
    private static readonly Regex KeyLine = new(@"^(?<indent> *)(?<key>[^\s#:'""\-\[\{][^:#]*?)\s*:(\s|$)", RegexOptions.CultureInvariant);

    /// <summary>The path such as "retry.maxAttempts", or null when the spot is not a block key.</summary>
    public static string? At(string text, long line, long column)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return null;
        }

        var match = KeyLine.Match(lines[(int)line - 1]);
        if (!match.Success || match.Groups["indent"].Length != column - 1)
        {
            return null;
        }

        var path = new List<string> { match.Groups["key"].Value };
        var indent = (int)column - 1;
        for (var i = (int)line - 2; i >= 0 && indent > 0; i--)
        {
            var parent = KeyLine.Match(lines[i]);
            if (parent.Success && parent.Groups["indent"].Length < indent)
            {
                path.Insert(0, parent.Groups["key"].Value);
                indent = parent.Groups["indent"].Length;
            }
        }

        return string.Join(".", path);
    }
}
