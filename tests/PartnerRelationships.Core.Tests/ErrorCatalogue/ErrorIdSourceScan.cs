using System.Text.RegularExpressions;

namespace PartnerRelationships.Core.Tests.ErrorCatalogue;

/// <summary>
/// Finds error ids written as string literals in C# source instead of naming the catalogue's constants: a literal equal
/// to a catalogued id anywhere, and an identifier-like literal where an error is built — the id argument of
/// PartnerRelationshipsException, ErrorRecord and ErrorRecords.Create, a literal just before an ErrorKind/ErrorCategory
/// argument, and the argument of any method that declares a <c>string errorId</c> parameter (the helpers that build
/// errors: within their own file by name, elsewhere as <c>Class.Method</c>).
/// </summary>
internal static partial class ErrorIdSourceScan
{
    public sealed record Finding(string File, int Line, string Literal, string Why)
    {
        public override string ToString() => $"{File}:{Line}: {Literal} ({Why})";
    }

    public static IReadOnlyList<Finding> Scan(IReadOnlyDictionary<string, string> sources, IReadOnlySet<string> catalogued)
    {
        var code = sources.ToDictionary(s => s.Key, s => WithoutComments(s.Value));
        var shared = new Dictionary<string, int>(StringComparer.Ordinal) { ["ErrorRecord"] = 1 }; // PowerShell's (exception, errorId, …).
        var local = code.ToDictionary(c => c.Key, c => ErrorBuilders(c.Value, shared));
        var findings = new List<Finding>();
        foreach (var (file, text) in code)
        {
            foreach (Match literal in PlainLiteral().Matches(text))
            {
                if (catalogued.Contains(literal.Groups["value"].Value))
                {
                    findings.Add(new(file, LineOf(text, literal.Index), literal.Value, "a catalogued id: name its ErrorIds constant"));
                }
            }

            foreach (Match before in IdLiteralBeforeCategory().Matches(text))
            {
                findings.Add(new(file, LineOf(text, before.Index), before.Groups["literal"].Value, "an error id literal before its category"));
            }

            foreach (Match call in Call().Matches(text))
            {
                var name = call.Groups["name"].Value;
                var qualified = call.Groups["qualifier"].Success ? call.Groups["qualifier"].Value + name : null;
                if (!(qualified is not null && shared.TryGetValue(qualified, out var position))
                    && !local[file].TryGetValue(name, out position)
                    && !shared.TryGetValue(name, out position))
                {
                    continue;
                }

                var arguments = Arguments(text, call.Index + call.Length);
                if (position < arguments.Count && IdLiteral().IsMatch(arguments[position].Trim()))
                {
                    findings.Add(new(file, LineOf(text, call.Index), arguments[position].Trim(), $"an error id literal passed to {qualified ?? name}"));
                }
            }
        }

        return findings.Distinct().ToList();
    }

    /// <summary>
    /// The file's methods with a <c>string errorId</c> parameter, by name, with its position; each is also added to
    /// <paramref name="shared"/> as <c>Class.Method</c>, and a constructor by its class name (<c>new Class(</c>).
    /// </summary>
    private static Dictionary<string, int> ErrorBuilders(string text, Dictionary<string, int> shared)
    {
        var builders = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match declaration in Declaration().Matches(text))
        {
            var parameters = declaration.Groups["parameters"].Value.Split(',');
            var position = Array.FindIndex(parameters, p => ErrorIdParameter().IsMatch(p));
            if (position < 0) continue;
            var name = declaration.Groups["name"].Value;
            builders[name] = position;
            var type = ClassDeclaration().Matches(text[..declaration.Index]).LastOrDefault()?.Groups["name"].Value;
            shared[type == name ? name : $"{type}.{name}"] = position;
        }

        return builders;
    }

    /// <summary>The top-level arguments of a call whose '(' ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string text, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var from = start;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i = EndOfString(text, i);
                continue;
            }

            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}')
            {
                if (depth-- == 0)
                {
                    arguments.Add(text[from..i]);
                    return arguments;
                }
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(text[from..i]);
                from = i + 1;
            }
        }

        return arguments;
    }

    private static int EndOfString(string text, int quote)
    {
        var verbatim = quote > 0 && text[quote - 1] == '@';
        for (var i = quote + 1; i < text.Length; i++)
        {
            if (!verbatim && text[i] == '\\') { i++; continue; }
            if (text[i] == '"')
            {
                if (verbatim && i + 1 < text.Length && text[i + 1] == '"') { i++; continue; }
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>Blanks // comments (keeping line numbers and string contents) so ids named in prose are not findings.</summary>
    private static string WithoutComments(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '"')
            {
                i = EndOfString(text, i);
            }
            else if (chars[i] == '/' && i + 1 < chars.Length && chars[i + 1] == '/')
            {
                for (; i < chars.Length && chars[i] != '\n'; i++) chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"(?<![\w$@""])""(?<value>[A-Za-z][A-Za-z0-9]*)""")]
    private static partial Regex PlainLiteral();

    [GeneratedRegex(@"(?<![\w$@""])(?<literal>""[A-Za-z][A-Za-z0-9]*"")\s*,\s*(?:[\w.]+\.)?(?:ErrorKind|ErrorCategory)\.\w+")]
    private static partial Regex IdLiteralBeforeCategory();

    [GeneratedRegex(@"^""[A-Za-z][A-Za-z0-9]*""$")]
    private static partial Regex IdLiteral();

    [GeneratedRegex(@"(?:\b(?<qualifier>[A-Z]\w*\.))?\b(?<name>[A-Z]\w*)\s*\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"\b(?<name>[A-Z]\w*)\s*\((?<parameters>[^()]*\bstring\??\s+errorId\b[^()]*)\)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\bstring\??\s+errorId\b")]
    private static partial Regex ErrorIdParameter();

    [GeneratedRegex(@"\b(?:class|record|struct)\s+(?<name>\w+)")]
    private static partial Regex ClassDeclaration();
}
