using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// The end-date timeline as an inline SVG bar chart (one stacked bar per week: without auto-extend at the bottom, with
/// auto-extend on top), plus the same figures as a table for screen readers and for anyone who would rather read.
/// </summary>
internal static class ComplianceTimelineSvg
{
    private const int Width = 680;
    private const int Height = 240;
    private const int Left = 40;
    private const int Bottom = 40;
    private const int Top = 28;

    public static void Write(TextWriter w, ComplianceTimeline timeline)
    {
        var weeks = timeline.Weeks;
        var max = Math.Max(1, weeks.Max(x => x.WithAutoExtend + x.WithoutAutoExtend));
        var plotHeight = Height - Bottom - Top;
        var slot = (Width - Left - 8) / (double)weeks.Count;
        var bar = slot * 0.7;

        w.Write("<svg class=\"timeline\" viewBox=\"0 0 " + Width + " " + Height + "\" role=\"img\" aria-labelledby=\"timeline-title\">\n");
        w.Write("<title id=\"timeline-title\">Active relationships ending per week over the next 90 days</title>\n");
        w.Write("<rect x=\"" + (Left + 4) + "\" y=\"6\" width=\"12\" height=\"12\" class=\"without\"/><text x=\"" + (Left + 22) + "\" y=\"16\">without auto-extend</text>\n");
        w.Write("<rect x=\"" + (Left + 190) + "\" y=\"6\" width=\"12\" height=\"12\" class=\"with\"/><text x=\"" + (Left + 208) + "\" y=\"16\">with auto-extend</text>\n");
        w.Write("<line x1=\"" + Left + "\" y1=\"" + (Height - Bottom) + "\" x2=\"" + (Width - 4) + "\" y2=\"" + (Height - Bottom) + "\" class=\"axis\"/>\n");
        w.Write("<text x=\"" + (Left - 6) + "\" y=\"" + (Top + 4) + "\" text-anchor=\"end\">" + N(max) + "</text>\n");
        w.Write("<text x=\"" + (Left - 6) + "\" y=\"" + (Height - Bottom) + "\" text-anchor=\"end\">0</text>\n");
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var x = Left + 4 + (i * slot);
            var withoutHeight = plotHeight * week.WithoutAutoExtend / (double)max;
            var withHeight = plotHeight * week.WithAutoExtend / (double)max;
            var baseY = Height - Bottom;
            var label = $"Week of {Day(week.Start)}: {N(week.WithoutAutoExtend)} without auto-extend, {N(week.WithAutoExtend)} with auto-extend";
            w.Write("<g><title>" + label + "</title>");
            w.Write("<rect class=\"without\" x=\"" + F(x) + "\" y=\"" + F(baseY - withoutHeight) + "\" width=\"" + F(bar) + "\" height=\"" + F(withoutHeight) + "\"/>");
            w.Write("<rect class=\"with\" x=\"" + F(x) + "\" y=\"" + F(baseY - withoutHeight - withHeight) + "\" width=\"" + F(bar) + "\" height=\"" + F(withHeight) + "\"/>");
            var total = week.WithAutoExtend + week.WithoutAutoExtend;
            if (total > 0)
            {
                w.Write("<text x=\"" + F(x + (bar / 2)) + "\" y=\"" + F(baseY - withoutHeight - withHeight - 3) + "\" text-anchor=\"middle\">" + N(total) + "</text>");
            }

            w.Write("</g>\n");
            if (i % 2 == 0)
            {
                w.Write("<text x=\"" + F(x + (bar / 2)) + "\" y=\"" + (Height - Bottom + 16) + "\" text-anchor=\"middle\">" +
                        week.Start.UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture) + "</text>\n");
            }
        }

        w.Write("<text x=\"" + (Width / 2) + "\" y=\"" + (Height - 6) + "\" text-anchor=\"middle\">week starting</text>\n</svg>\n");

        w.Write("<details class=\"figures\"><summary>The figures</summary>\n<table id=\"timeline-table\"><thead><tr><th>Week of</th>" +
                "<th class=\"num\">Without auto-extend</th><th class=\"num\">With auto-extend</th></tr></thead>\n<tbody>\n");
        foreach (var week in weeks)
        {
            w.Write("<tr><td>" + Day(week.Start) + "</td><td class=\"num\">" + N(week.WithoutAutoExtend) + "</td><td class=\"num\">" +
                    N(week.WithAutoExtend) + "</td></tr>\n");
        }

        w.Write("</tbody></table></details>\n");
    }

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
