using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// A self-contained HTML report for people: inline CSS only (no scripts, fonts or images; a Content-Security-Policy
/// forbids loading anything), so it opens the same from a mail attachment or an offline share. Summary counts per
/// severity and rule, then what is new since the last run, then the findings grouped by severity. Every piece of
/// text is HTML-encoded. Cards rather than wide tables keep it readable on a phone.
/// </summary>
public static class ComplianceHtmlReport
{
    private static readonly FindingSeverity[] SeverityOrder = { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Info };

    private const string Css = """
        :root { color-scheme: light; --error: #b42318; --warning: #9a6700; --info: #175cd3; --muted: #57606a; --line: #d0d7de; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 16px 48px; }
        h1 { font-size: 1.6em; margin: 0 0 4px; }
        h2 { font-size: 1.25em; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        .meta { color: var(--muted); margin: 0 0 16px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
        .card .n { font-size: 2em; font-weight: 700; line-height: 1.1; }
        .card.Error { border-top: 4px solid var(--error); } .card.Warning { border-top: 4px solid var(--warning); }
        .card.Info { border-top: 4px solid var(--info); } .card.New { border-top: 4px solid #1a7f37; }
        .scroll { overflow-x: auto; }
        table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f0f2f4; font-weight: 600; } td.num, th.num { text-align: right; }
        td.rule { overflow-wrap: break-word; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: .8em; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.Error { background: var(--error); } .badge.Warning { background: var(--warning); } .badge.Info { background: var(--info); }
        .badge.New { background: #1a7f37; }
        .finding { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 12px; }
        .finding.Error { border-left-color: var(--error); } .finding.Warning { border-left-color: var(--warning); } .finding.Info { border-left-color: var(--info); }
        .finding h3 { font-size: 1em; margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
        .finding p { margin: 6px 0; overflow-wrap: anywhere; }
        .finding .what { font-weight: 600; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; color: var(--muted); font-size: .9em; }
        dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
        ul.new { padding-left: 20px; } ul.new li { margin: 4px 0; overflow-wrap: anywhere; }
        .none { color: var(--muted); font-style: italic; }
        @media (max-width: 600px) {
          main { padding: 16px 10px 32px; } h1 { font-size: 1.3em; }
          .cards { grid-template-columns: repeat(2, 1fr); }
          dl { grid-template-columns: 1fr; } dt { margin-top: 4px; }
          th, td { padding: 6px 8px; }
          .hide-narrow { display: none; }
        }
        """;

    public static string ToHtml(ComplianceResult result, string? title = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(result, writer, title);
        return writer.ToString();
    }

    public static void Write(ComplianceResult result, TextWriter writer, string? title = null)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        var heading = string.IsNullOrWhiteSpace(title) ? "Partner relationships compliance report" : title!;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append("<title>").Append(E(heading)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n");

        html.Append("<h1>").Append(E(heading)).Append("</h1>\n<p class=\"meta\">Run ").Append(E(Time(result.CompletedAt)))
            .Append(" · ").Append(E(result.PreviousRunAt is { } previous ? "previous run " + Time(previous) : "first recorded run: every finding is new"))
            .Append(" · ").Append(E(Coverage(result)));
        if (result.Scope.Length > 0)
        {
            html.Append(" · customers matching ").Append(E(result.Scope.Substring(result.Scope.IndexOf('=') + 1)));
        }

        if (result.MinimumSeverity > FindingSeverity.Info)
        {
            html.Append(" · showing ").Append(E(result.MinimumSeverity.ToString())).Append(" and above");
        }

        html.Append("</p>\n");

        AppendSummary(html, result);
        AppendNew(html, result);
        AppendFindings(html, result);

        html.Append("</main>\n</body>\n</html>\n");
        writer.Write(html.ToString());
    }

    private static void AppendSummary(StringBuilder html, ComplianceResult result)
    {
        html.Append("<h2>Summary</h2>\n<div class=\"cards\">\n");
        foreach (var severity in SeverityOrder)
        {
            var count = result.CountOf(severity);
            var fresh = result.Findings.Count(f => f.Severity == severity && f.IsNew);
            html.Append("<div class=\"card ").Append(severity).Append("\"><div class=\"n\">").Append(N(count)).Append("</div>")
                .Append(E(Plural(severity, count))).Append("<br><small>").Append(N(fresh)).Append(" new</small></div>\n");
        }

        html.Append("<div class=\"card New\"><div class=\"n\">").Append(N(result.NewCount)).Append("</div>New since last run<br><small>of ")
            .Append(N(result.Findings.Count)).Append(" findings</small></div>\n</div>\n");

        html.Append("<h2>By rule</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Rule</th><th>Severity</th>")
            .Append("<th class=\"hide-narrow\">Looks for</th><th class=\"num\">Findings</th><th class=\"num\">New</th></tr></thead>\n<tbody>\n");
        foreach (var rule in result.Rules)
        {
            html.Append("<tr><td class=\"rule\"><code>").Append(E(rule.RuleId)).Append("</code> ").Append(WordBreaks(rule.RuleName)).Append("</td><td><span class=\"badge ")
                .Append(rule.Severity).Append("\">").Append(E(rule.Severity.ToString())).Append("</span></td><td class=\"hide-narrow\">")
                .Append(E(rule.Description)).Append("</td><td class=\"num\">").Append(N(rule.Count)).Append("</td><td class=\"num\">")
                .Append(N(rule.NewCount)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
        if (result.DisabledRules.Count > 0)
        {
            html.Append("<p class=\"meta\">Switched off in the configuration: ").Append(E(string.Join(", ", result.DisabledRules))).Append("</p>\n");
        }
    }

    private static void AppendNew(StringBuilder html, ComplianceResult result)
    {
        html.Append("<h2>New since the last run</h2>\n");
        var fresh = result.Findings.Where(f => f.IsNew).ToList();
        if (fresh.Count == 0)
        {
            html.Append("<p class=\"none\">Nothing new since the last run.</p>\n");
            return;
        }

        html.Append("<ul class=\"new\">\n");
        foreach (var f in fresh)
        {
            html.Append("<li><span class=\"badge ").Append(f.Severity).Append("\">").Append(E(f.Severity.ToString())).Append("</span> <code>")
                .Append(E(f.RuleId)).Append("</code> ");

            // Most messages already name the customer; say who only when they don't.
            var who = Who(f);
            if (f.Message.IndexOf(who, StringComparison.OrdinalIgnoreCase) < 0)
            {
                html.Append(E(who)).Append(": ");
            }

            html.Append(E(f.Message)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void AppendFindings(StringBuilder html, ComplianceResult result)
    {
        foreach (var severity in SeverityOrder)
        {
            var group = result.Findings.Where(f => f.Severity == severity).ToList();
            if (group.Count == 0 && severity < result.MinimumSeverity)
            {
                continue;
            }

            html.Append("<h2>").Append(E(severity.ToString())).Append(" (").Append(N(group.Count)).Append(")</h2>\n");
            if (group.Count == 0)
            {
                html.Append("<p class=\"none\">No findings.</p>\n");
                continue;
            }

            foreach (var f in group)
            {
                html.Append("<section class=\"finding ").Append(f.Severity).Append("\">\n<h3><span class=\"badge ").Append(f.Severity).Append("\">")
                    .Append(E(f.Severity.ToString())).Append("</span>");
                if (f.IsNew)
                {
                    html.Append("<span class=\"badge New\">New</span>");
                }

                html.Append("<code>").Append(E(f.RuleId)).Append("</code> ").Append(E(f.RuleName)).Append("</h3>\n")
                    .Append("<p class=\"what\">").Append(E(f.Message)).Append("</p>\n")
                    .Append("<p>").Append(E(f.Recommendation)).Append("</p>\n<dl>\n");
                Term(html, "Customer", f.CustomerName is null ? f.CustomerTenantId : f.CustomerTenantId is null ? f.CustomerName : $"{f.CustomerName} ({f.CustomerTenantId})");
                Term(html, "Relationship", f.RelationshipName is null ? f.RelationshipId : f.RelationshipId is null ? f.RelationshipName : $"{f.RelationshipName} ({f.RelationshipId})");
                Term(html, "Invite", f.InviteId?.ToString("D"));
                Term(html, "Key", f.Key);
                html.Append("</dl>\n</section>\n");
            }
        }
    }

    private static void Term(StringBuilder html, string term, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        }
    }

    private static string Plural(FindingSeverity severity, int count) =>
        severity == FindingSeverity.Info || count == 1 ? severity.ToString() : severity + "s";

    private static string Who(Finding f) => f.CustomerName ?? f.CustomerTenantId ?? f.RelationshipName ?? "(no customer)";

    private static string Coverage(ComplianceResult result) =>
        $"{N(result.Coverage.Customers)} customers, {N(result.Coverage.Relationships)} relationships, {N(result.Coverage.Invites)} invites checked";

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>HTML-encodes text for element content and quoted attributes (&lt; &gt; &amp; " ').</summary>
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A rule name like "PendingInviteTooLong", encoded, with break opportunities between its words (narrow screens).</summary>
    private static string WordBreaks(string? name) =>
        System.Text.RegularExpressions.Regex.Replace(E(name), "(?<=[a-z])(?=[A-Z])", "<wbr>");
}
