using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Text;

/// <summary>
/// How an admin writes an age or a wait at the prompt: the configuration file's spellings (30s, 5m, 1h, hh:mm:ss),
/// plus days ("14d"), ISO 8601 ("P14D", "PT12H", as relationship durations are written) and d.hh:mm:ss ("14.00:00:00").
/// A bare number is refused (its unit would be a guess; PowerShell alone would read 14 as 14 ticks), except 0.
/// </summary>
public static class DurationText
{
    public const string Allowed = "Write it with a unit (30m, 12h, 14d), in ISO 8601 (PT12H, P14D) or as d.hh:mm:ss (14.00:00:00)";

    private static readonly Regex Days = new(@"^(\d{1,6})d$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The message for text that is not a duration (excerpted: it may be huge or carry line breaks).</summary>
    public static string NotADuration(string text) => $"'{InputExcerpt.Of(text)}' is not a duration. {Allowed}.";

    /// <summary>The message for a bare number, whose unit would be a guess.</summary>
    public static string NoUnit(IFormattable number) => $"{number.ToString(null, CultureInfo.InvariantCulture)} has no unit. {Allowed}.";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text!.Trim();
        if (text == "0")
        {
            return true;
        }

        // The file's spellings, including d.hh:mm:ss (a leading minus parses; the caller's range check refuses it).
        if (ConfigTimeSpanText.TryParse(text, out value))
        {
            return true;
        }

        var days = Days.Match(text);
        if (days.Success)
        {
            value = TimeSpan.FromDays(int.Parse(days.Groups[1].Value, CultureInfo.InvariantCulture));
            return true;
        }

        if (!text.StartsWith("P", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("-P", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            value = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return false;
        }
    }
}
