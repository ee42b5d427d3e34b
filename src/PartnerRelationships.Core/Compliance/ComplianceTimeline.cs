using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Compliance;

/// <summary>
/// How many active relationships end in each of the next <see cref="Weeks"/> weeks (13 weeks cover the next 90 days),
/// split by whether they auto-extend: the picture of what is about to run out.
/// </summary>
public sealed class ComplianceTimeline
{
    public const int WeekCount = 13;

    private ComplianceTimeline(IReadOnlyList<ComplianceTimelineWeek> weeks) => Weeks = weeks;

    /// <summary>Oldest first; the first week starts on the run's day (00:00 UTC).</summary>
    public IReadOnlyList<ComplianceTimelineWeek> Weeks { get; }

    public int Total => Weeks.Sum(w => w.WithAutoExtend + w.WithoutAutoExtend);

    public static ComplianceTimeline Empty(DateTimeOffset now) => From(now, Array.Empty<ComplianceRelationship>());

    public static ComplianceTimeline From(DateTimeOffset now, IEnumerable<ComplianceRelationship> relationships)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var with = new int[WeekCount];
        var without = new int[WeekCount];
        foreach (var r in relationships ?? throw new ArgumentNullException(nameof(relationships)))
        {
            if (!r.IsActive || r.EndDateTime is not { } end || end < now)
            {
                continue;
            }

            var week = (int)Math.Floor((end - start).TotalDays / 7);
            if (week >= WeekCount)
            {
                continue;
            }

            if (r.AutoExtendDuration > TimeSpan.Zero)
            {
                with[week]++;
            }
            else
            {
                without[week]++;
            }
        }

        return new ComplianceTimeline(Enumerable.Range(0, WeekCount)
            .Select(i => new ComplianceTimelineWeek(start.AddDays(7 * i), with[i], without[i]))
            .ToList());
    }
}

/// <summary>One week of the timeline: relationships ending in [<see cref="Start"/>, Start + 7 days).</summary>
public sealed record ComplianceTimelineWeek(DateTimeOffset Start, int WithAutoExtend, int WithoutAutoExtend);
