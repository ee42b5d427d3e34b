using System;
using System.Globalization;
using System.Xml;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;
using PartnerRelationships.Core.Workflow;

namespace PartnerRelationships.Core.Remote;

/// <summary>GDAP durations: whole days from P1D to P730D (two years), written as ISO 8601 in the configuration.</summary>
public static class RelationshipDurations
{
    public static readonly TimeSpan Min = TimeSpan.FromDays(1);
    public static readonly TimeSpan Max = TimeSpan.FromDays(730);

    /// <summary>The only auto-extend period the service supports.</summary>
    public static readonly TimeSpan AutoExtendPeriod = TimeSpan.FromDays(180);

    public static TimeSpan Validate(TimeSpan duration, string origin = $"-{ParameterNames.Duration}")
    {
        if (duration < Min || duration > Max || duration.Ticks % TimeSpan.TicksPerDay != 0)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Workflow.InvalidRelationshipDuration,
                ErrorKind.InvalidArgument,
                $"The relationship duration {Format(duration)} ({origin}) is not allowed. Give whole days from 1 to 730 (P1D to P730D; two years at most).",
                origin);
        }

        return duration;
    }

    /// <summary>Parses "P730D" (any ISO 8601 duration without years or months) and validates it.</summary>
    public static TimeSpan Parse(string? text, string origin)
    {
        TimeSpan value;
        try
        {
            value = XmlConvert.ToTimeSpan((text ?? "").Trim());
        }
        catch (FormatException)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Workflow.InvalidRelationshipDuration,
                ErrorKind.InvalidArgument,
                $"The relationship duration '{InputExcerpt.Of(text)}' ({origin}) is not an ISO 8601 duration. Write it in days, for example P730D.",
                origin);
        }

        return Validate(value, origin);
    }

    /// <summary>
    /// What a user types: an ISO 8601 duration ("P90D") or a time span ("90.00:00:00", what a [TimeSpan] becomes as
    /// text), validated as <see cref="Validate"/> does.
    /// </summary>
    public static TimeSpan FromText(string? text, string origin = $"-{ParameterNames.Duration}")
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.StartsWith("P", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("-P", StringComparison.OrdinalIgnoreCase))
        {
            return Parse(trimmed.ToUpperInvariant(), origin);
        }

        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var value))
        {
            return Validate(value, origin);
        }

        throw new PartnerRelationshipsException(
            ErrorIds.Workflow.InvalidRelationshipDuration,
            ErrorKind.InvalidArgument,
            $"The relationship duration '{InputExcerpt.Of(text)}' ({origin}) is neither an ISO 8601 duration nor a time span. " +
            "Write it in days, for example P90D, or as a time span such as 90.00:00:00.",
            origin);
    }

    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerDay == 0
            ? "P" + ((long)duration.TotalDays).ToString(CultureInfo.InvariantCulture) + "D"
            : XmlConvert.ToString(duration);
}
