using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerRelationships.Core.Text;

/// <summary>
/// The two spellings of a time span in the file: a number with a unit ("500ms", "30s", "5m", "1h") or the
/// .NET constant form "hh:mm:ss" ("00:00:30"). A bare number is refused because its unit would be a guess.
/// </summary>
internal static class ConfigTimeSpanText
{
    public const string Allowed = "Write a time span as a number with a unit (500ms, 30s, 5m, 1h) or as hh:mm:ss (00:00:30)";

    private static readonly Regex WithUnit = new(@"^(\d{1,9})(ms|s|m|h)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        var match = WithUnit.Match(text);
        if (match.Success)
        {
            var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            value = match.Groups[2].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
            return true;
        }

        // "c" alone would read "30" as thirty days; demand the colon form.
        return text.Contains(":") && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The shortest unit form that is exact: what the scaffolder writes and error messages show.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            return value.ToString("c", CultureInfo.InvariantCulture);
        }

        var ms = (long)value.TotalMilliseconds;
        if (ms % 3_600_000 == 0 && ms != 0)
        {
            return $"{ms / 3_600_000}h";
        }

        if (ms % 60_000 == 0 && ms != 0)
        {
            return $"{ms / 60_000}m";
        }

        return ms % 1000 == 0 ? $"{ms / 1000}s" : $"{ms}ms";
    }
}
