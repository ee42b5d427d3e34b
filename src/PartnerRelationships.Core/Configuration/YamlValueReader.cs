using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using PartnerRelationships.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Reads typed values out of YAML nodes and walks sections, turning every mismatch into an error that points at
/// the node. It also remembers where each key was found so later cross-field checks can point at it too.
/// Values are echoed in messages only for typed settings (numbers, names of enums, GUIDs, durations), never for
/// free text, variable names or URIs, which could hold something sensitive pasted by mistake.
/// </summary>
internal sealed class YamlValueReader
{
    private static readonly Regex DayDuration = new(@"^P(\d{1,4})D$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ThumbprintPattern = new(@"^[0-9A-Fa-f]{40}$|^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, Mark> _locations = new(StringComparer.OrdinalIgnoreCase);

    public YamlValueReader(string sourceName) => SourceName = sourceName;

    public string SourceName { get; }

    /// <summary>Where a key path (its key for sections, its value for settings) was found, if it was.</summary>
    public Mark? LocationOf(string keyPath) => _locations.TryGetValue(keyPath, out var mark) ? mark : null;

    public void Remember(string keyPath, Mark mark) => _locations[keyPath] = mark;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" || string.Equals(scalar.Value, "null", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The entries of a section (or of the root when <paramref name="section"/> is null), with canonical key names.
    /// An empty value ("auth:" with nothing under it) is an empty section. Unknown and repeated keys are errors.
    /// </summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode node, string? section)
    {
        if (IsNull(node))
        {
            yield break;
        }

        if (node is not YamlMappingNode mapping)
        {
            var allowed = section is null
                ? "Write sections such as 'partner:' at the start of a line, each with its keys indented under it"
                : $"Indent its keys under it, e.g. '{section}:' then '  {ConfigSchema.KeysOf(section)[0]}: ...' on the next line";
            throw ConfigErrors.InvalidValue(SourceName, node.Start, section ?? "The file", $"must be a mapping of keys, not {Describe(node)}", allowed);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in mapping.Children)
        {
            if (pair.Key is not YamlScalarNode { Value: { Length: > 0 } keyText })
            {
                throw ConfigErrors.InvalidValue(SourceName, pair.Key.Start, section ?? "The file",
                    "has a key that is not a plain name", "Keys are plain words such as " + string.Join(", ", ConfigSchema.KeysOf(section)));
            }

            var canonical = ConfigSchema.Canonical(section, keyText) ?? throw UnknownKey(pair.Key.Start, section, keyText);
            if (!seen.Add(canonical))
            {
                throw ConfigErrors.InvalidValue(SourceName, pair.Key.Start, Join(section, canonical),
                    "appears more than once (keys are case-insensitive)", "Keep one of them");
            }

            _locations[Join(section, canonical)] = IsSection(section, canonical) ? pair.Key.Start : pair.Value.Start;
            yield return (canonical, pair.Value);
        }
    }

    /// <summary>
    /// The entries of a mapping nested below the sections (a template, one of its groups): <paramref name="path"/> names
    /// it in messages, <paramref name="keys"/> are its allowed keys. Unknown and repeated keys are errors, as above.
    /// </summary>
    public IEnumerable<(string Key, YamlNode Value)> NestedEntries(YamlNode node, string path, IReadOnlyList<string> keys, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, path, $"must be a mapping of keys, not {Describe(node)}",
                $"Write {what} as keys ({string.Join(", ", keys)}) indented under it");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in mapping.Children)
        {
            var keyText = (pair.Key as YamlScalarNode)?.Value ?? "";
            var canonical = keys.FirstOrDefault(k => string.Equals(k, keyText, StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                var suggestion = KeySuggester.Nearest(keyText, keys);
                throw ConfigErrors.At(ErrorIds.Config.UnknownKey, ErrorKind.InvalidData, SourceName, pair.Key.Start, $"{path}.{keyText}",
                    $"is not a known key{(suggestion is null ? "" : $" (did you mean '{suggestion}'?)")}", $"Keys allowed in {what}: {string.Join(", ", keys)}");
            }

            if (!seen.Add(canonical))
            {
                throw ConfigErrors.InvalidValue(SourceName, pair.Key.Start, $"{path}.{canonical}",
                    "appears more than once (keys are case-insensitive)", "Keep one of them");
            }

            _locations[$"{path}.{canonical}"] = pair.Value.Start;
            yield return (canonical, pair.Value);
        }
    }

    public static string Join(string? section, string key) => section is null ? key : $"{section}.{key}";

    /// <summary>A string setting: null when empty or absent; a mapping or list is an error.</summary>
    public string? String(YamlNode node, string keyPath)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"must be a single value, not {Describe(node)}",
                "Write it on the same line as the key, e.g. 'key: value'");
        }

        var value = scalar.Value ?? "";
        if (value.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, "spans more than one line", "Write it on a single line");
        }

        return value.Length == 0 ? null : value;
    }

    /// <summary>Text that must be present when the key is: empty is an error rather than "unset".</summary>
    public string RequiredString(YamlNode node, string keyPath, string allowed) =>
        String(node, keyPath) ?? throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, "is empty", allowed);

    public bool Bool(YamlNode node, string keyPath)
    {
        var text = RequiredString(node, keyPath, "Use true or false");
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"'{PartnerIdentityRules.Shorten(text)}' is not true or false", "Use true or false");
    }

    public int Int(YamlNode node, string keyPath, int min, int max)
    {
        var allowed = max == int.MaxValue ? $"Use a whole number of at least {min}" : $"Use a whole number from {min} to {max}";
        var text = RequiredString(node, keyPath, allowed);
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"'{PartnerIdentityRules.Shorten(text)}' is not a whole number", allowed);
        }

        if (value < min || value > max)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"{value} is out of range", allowed);
        }

        return value;
    }

    /// <summary>A share in (0, 1], e.g. 0.5.</summary>
    public double Ratio(YamlNode node, string keyPath)
    {
        const string allowed = "Use a number greater than 0 and at most 1, e.g. 0.5";
        var text = RequiredString(node, keyPath, allowed);
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"'{PartnerIdentityRules.Shorten(text)}' is not a number", allowed);
        }

        if (value <= 0 || value > 1)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range", allowed);
        }

        return value;
    }

    /// <summary>An enum by name, case-insensitive; numbers are refused so the file stays readable.</summary>
    public TEnum Enum<TEnum>(YamlNode node, string keyPath)
        where TEnum : struct, Enum
    {
        var names = System.Enum.GetNames(typeof(TEnum));
        var allowed = "Use one of: " + string.Join(", ", names);
        var text = RequiredString(node, keyPath, allowed).Trim();
        var name = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
                   ?? throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"'{PartnerIdentityRules.Shorten(text)}' is not a known value", allowed);
        return (TEnum)System.Enum.Parse(typeof(TEnum), name);
    }

    /// <summary>A GUID, normalized to the lower-case "D" form.</summary>
    public string Guid(YamlNode node, string keyPath, string allowed)
    {
        var problem = PartnerIdentityRules.TenantIdProblem(String(node, keyPath), out var normalized);
        return problem is null ? normalized : throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, problem, allowed);
    }

    public Uri HttpUri(YamlNode node, string keyPath)
    {
        const string allowed = "Use an absolute http or https address, e.g. https://graph.microsoft.com";
        var text = RequiredString(node, keyPath, allowed).Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, "is not an absolute http or https address", allowed);
        }

        if (uri.UserInfo.Length > 0)
        {
            throw ConfigErrors.At(ErrorIds.Config.SecretInFile, ErrorKind.SecurityError, SourceName, node.Start, keyPath,
                "contains a user name or password", "Remove the credentials from the address; sign-in uses the auth section");
        }

        // Bearer tokens and secrets would cross the network in clear text; a loopback address never leaves the machine.
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw ConfigErrors.At(ErrorIds.Config.InsecureEndpoint, ErrorKind.SecurityError, SourceName, node.Start, keyPath,
                $"is a plain http address on '{uri.Host}', which would send tokens and secrets in clear text",
                "Use https; plain http is allowed only on loopback (localhost, 127.0.0.1, ::1), e.g. for the sandbox");
        }

        return uri;
    }

    /// <summary>localhost or a loopback IP address.</summary>
    public static bool IsLoopback(Uri uri)
        => uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    public TimeSpan TimeSpan(YamlNode node, string keyPath, TimeSpan min, TimeSpan max)
    {
        var range = $"from {ConfigTimeSpanText.Format(min)} to {ConfigTimeSpanText.Format(max)}";
        var text = RequiredString(node, keyPath, ConfigTimeSpanText.Allowed + ", " + range);
        if (!ConfigTimeSpanText.TryParse(text, out var value))
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"'{PartnerIdentityRules.Shorten(text)}' is not a time span",
                ConfigTimeSpanText.Allowed + ", " + range);
        }

        if (value < min || value > max)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"{ConfigTimeSpanText.Format(value)} is out of range", "Use a time span " + range);
        }

        return value;
    }

    /// <summary>An ISO 8601 duration in whole days, P1D to P730D (what granular relationships accept).</summary>
    public string Days(YamlNode node, string keyPath)
    {
        const string allowed = "Use an ISO 8601 duration in days from P1D to P730D, e.g. P730D (two years) or P90D";
        var text = RequiredString(node, keyPath, allowed).Trim();
        var match = DayDuration.Match(text);
        if (!match.Success)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"'{PartnerIdentityRules.Shorten(text)}' is not a duration in days", allowed);
        }

        var days = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (days is < 1 or > 730)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"P{days}D is out of range", allowed);
        }

        return $"P{days}D";
    }

    /// <summary>The name of an environment variable (never its value): no whitespace, '=', '$' or '%'.</summary>
    public string? VariableName(YamlNode node, string keyPath, string example)
    {
        var text = String(node, keyPath);
        if (text is null)
        {
            return null;
        }

        if (text.Any(c => char.IsWhiteSpace(c) || c is '=' or '$' or '%'))
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, "is not an environment variable name",
                $"Give just the variable's name, e.g. {example}, not its value or a $env:/%...% reference");
        }

        return text;
    }

    public string Thumbprint(YamlNode node, string keyPath)
    {
        const string allowed = "Use the certificate's thumbprint: 40 (SHA-1) or 64 (SHA-256) hexadecimal characters without spaces";
        var text = RequiredString(node, keyPath, allowed).Trim();
        return ThumbprintPattern.IsMatch(text)
            ? text.ToUpperInvariant()
            : throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, "is not a certificate thumbprint", allowed);
    }

    /// <summary>A YAML sequence of non-empty strings; empty means an empty list.</summary>
    public List<string> StringList(YamlNode node, string keyPath)
    {
        var allowed = $"Write a list with one '- item' per line under '{keyPath.Split('.').Last()}:', or [] for none";
        if (IsNull(node))
        {
            return new List<string>();
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw ConfigErrors.InvalidValue(SourceName, node.Start, keyPath, $"must be a list, not {Describe(node)}", allowed);
        }

        var items = new List<string>();
        foreach (var item in sequence.Children)
        {
            var text = item is YamlScalarNode ? String(item, keyPath) : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw ConfigErrors.InvalidValue(SourceName, item.Start, keyPath,
                    item is YamlScalarNode ? "has an empty item" : $"has an item that is {Describe(item)}, not text", allowed);
            }

            items.Add(text!.Trim());
        }

        return items;
    }

    private PartnerRelationshipsException UnknownKey(Mark mark, string? section, string key)
    {
        if (ConfigSchema.ReplacedKeys.TryGetValue(Join(section, key), out var replaced))
        {
            return ConfigErrors.At(ErrorIds.Config.UnknownKey, ErrorKind.InvalidData, SourceName, mark, Join(section, key),
                replaced, $"Rename the key; {CommandNames.NewPartnerRelationshipConfig} writes a commented example");
        }

        var known = ConfigSchema.KeysOf(section);
        var suggestion = KeySuggester.Nearest(key, known);
        var elsewhere = ConfigSchema.SectionsKnowing(key, section).FirstOrDefault();
        var hint = suggestion is not null
            ? $" (did you mean '{suggestion}'?)"
            : elsewhere is not null ? $" here (it belongs under '{elsewhere}')" : "";
        var where = section is null ? "at the top level" : $"under {section}";
        return ConfigErrors.At(ErrorIds.Config.UnknownKey, ErrorKind.InvalidData, SourceName, mark, Join(section, key),
            $"is not a known key{hint}", $"Keys allowed {where}: {string.Join(", ", known)}");
    }

    private static bool IsSection(string? section, string key) => section is null && ConfigSchema.SectionKeys.ContainsKey(key);

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping of keys",
        YamlSequenceNode => "a list",
        _ => "a single value",
    };
}
