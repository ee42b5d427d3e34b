using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// A self-contained HTML report for people: inline CSS and one small inline script (filters) allowed by its hash in a
/// Content-Security-Policy that forbids loading anything, so it opens the same from a mail attachment or an offline
/// share, and reads the same without script. Most urgent first: the summary (news first), one line per customer, the
/// rules, a timeline of end dates, then the findings grouped by customer, each finding once. Info findings are counted
/// (their detail is in the JSON/CSV) once there are many, and only the most urgent customers are detailed, so the page
/// stays small at 100,000 customers. Every piece of text is HTML-encoded; it is written straight to the writer.
/// </summary>
public static class ComplianceHtmlReport
{
    /// <summary>Customers detailed in the page (most urgent first); the rest are counted, with detail in the JSON/CSV.</summary>
    public const int MaxCustomers = 400;

    /// <summary>Up to this many Info findings are detailed; beyond, they are counted per rule.</summary>
    public const int MaxDetailedInfo = 100;

    /// <summary>New findings listed one by one in the news box.</summary>
    public const int MaxNewListed = 20;

    /// <summary>Customers linked from each rule's index.</summary>
    public const int MaxCustomersPerRule = 100;

    private static readonly FindingSeverity[] SeverityOrder = { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Info };

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

        var page = new Page(result);
        var heading = string.IsNullOrWhiteSpace(title) ? "Partner relationships compliance report" : title!;
        var w = writer;
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src " +
                ComplianceHtmlAssets.ScriptHashSource + "\">\n");
        w.Write("<title>" + E(heading) + "</title>\n<style>\n" + ComplianceHtmlAssets.Css + "\n</style>\n</head>\n<body>\n<main>\n");

        w.Write("<h1>" + E(heading) + "</h1>\n<p class=\"meta\">Run " + E(Time(result.CompletedAt)) + " · " +
                E(result.PreviousRunAt is { } previous ? "previous run " + Time(previous) : "first recorded run: every finding is new") +
                " · " + E(Coverage(result)));
        if (result.Scope.Length > 0)
        {
            w.Write(" · customers matching " + E(result.Scope.Substring(result.Scope.IndexOf('=') + 1)));
        }

        if (result.MinimumSeverity > FindingSeverity.Info)
        {
            w.Write(" · showing " + E(result.MinimumSeverity.ToString()) + " and above");
        }

        w.Write("</p>\n");
        w.Write("<nav class=\"toc\" aria-label=\"Contents\"><ol>\n<li><a href=\"#summary\">Summary</a></li>\n<li><a href=\"#new\">New since the last run</a></li>\n" +
                "<li><a href=\"#customers\">Customers to act on</a></li>\n<li><a href=\"#rules\">By rule</a></li>\n" +
                "<li><a href=\"#timeline\">Relationships ending in the next 90 days</a></li>\n<li><a href=\"#findings\">Findings by customer</a></li>\n" +
                "<li><a href=\"#rule-index\">Customers by rule</a></li>\n" + (page.CountedInfo.Count > 0 ? "<li><a href=\"#info\">Info, counted</a></li>\n" : "") +
                "</ol></nav>\n");

        WriteSummary(w, page);
        WriteNew(w, page);
        WriteCustomers(w, page);
        WriteRules(w, page);
        w.Write("<h2 id=\"timeline\">Relationships ending in the next 90 days</h2>\n<p class=\"meta\">Active relationships by the week they end: " +
                N(result.Timeline.Total) + " in all. Those without auto-extend lose access unless someone acts.</p>\n");
        ComplianceTimelineSvg.Write(w, result.Timeline);
        WriteFindings(w, page);
        WriteRuleIndex(w, page);
        WriteCountedInfo(w, page);

        w.Write("</main>\n<script>" + ComplianceHtmlAssets.Script + "</script>\n</body>\n</html>\n");
    }

    /// <summary>What the page shows, decided once: which findings are detailed, which customers, which are counted.</summary>
    private sealed class Page
    {
        public Page(ComplianceResult result)
        {
            Result = result;
            var infoCount = result.CountOf(FindingSeverity.Info);
            DetailInfo = infoCount <= MaxDetailedInfo;
            var detailed = result.Findings.Where(f => DetailInfo || f.Severity > FindingSeverity.Info);
            var customers = CustomerFindings.Group(detailed);
            Customers = customers.Take(MaxCustomers).ToList();
            CustomersLeftOut = customers.Count - Customers.Count;
            FindingsLeftOut = customers.Skip(MaxCustomers).Sum(c => c.Findings.Count);
            CustomerAnchors = new Dictionary<CustomerFindings, string>();
            _anchorsByKey = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Customers.Count; i++)
            {
                var anchor = "c" + (i + 1).ToString(CultureInfo.InvariantCulture);
                CustomerAnchors[Customers[i]] = anchor;
                foreach (var f in Customers[i].Findings)
                {
                    _anchorsByKey[f.Key] = anchor;
                }
            }

            CountedInfo = DetailInfo ? new List<ComplianceRuleSummary>() : result.Rules.Where(r => r.Severity == FindingSeverity.Info && r.Count > 0).ToList();
        }

        public ComplianceResult Result { get; }

        public bool DetailInfo { get; }

        public IReadOnlyList<CustomerFindings> Customers { get; }

        public int CustomersLeftOut { get; }

        public int FindingsLeftOut { get; }

        public Dictionary<CustomerFindings, string> CustomerAnchors { get; }

        public IReadOnlyList<ComplianceRuleSummary> CountedInfo { get; }

        private readonly Dictionary<string, string> _anchorsByKey;

        public string? AnchorOf(Finding f) => _anchorsByKey.TryGetValue(f.Key, out var anchor) ? anchor : null;
    }

    private static void WriteSummary(TextWriter w, Page page)
    {
        var result = page.Result;
        w.Write("<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">\n");
        var fresh = result.NewCount;
        w.Write(fresh > 0
            ? "<div class=\"card news\" id=\"news-count\"><div class=\"n\">" + N(fresh) + "</div>new since the last run<br><small><a href=\"#new\" style=\"color:#fff\">what is new</a></small></div>\n"
            : "<div class=\"card quiet\" id=\"news-count\"><div class=\"n\">0</div>nothing new since the last run</div>\n");
        foreach (var severity in SeverityOrder)
        {
            var count = result.CountOf(severity);
            var freshOfSeverity = result.Findings.Count(f => f.Severity == severity && f.IsNew);
            w.Write("<div class=\"card " + severity + "\"><div class=\"n\">" + N(count) + "</div>" + E(Plural(severity, count)) +
                    "<br><small>" + N(freshOfSeverity) + " new</small></div>\n");
        }

        w.Write("</div>\n");
        if (result.DisabledRules.Count > 0)
        {
            w.Write("<p class=\"meta\">Switched off in the configuration: " + E(string.Join(", ", result.DisabledRules)) + "</p>\n");
        }
    }

    private static void WriteNew(TextWriter w, Page page)
    {
        var result = page.Result;
        w.Write("<h2 id=\"new\">New since the last run</h2>\n");
        var fresh = result.Findings.Where(f => f.IsNew).ToList();
        if (fresh.Count == 0)
        {
            w.Write("<p class=\"none\">Nothing new since the last run.</p>\n");
            return;
        }

        var listed = fresh.Where(f => f.Severity > FindingSeverity.Info || page.DetailInfo).ToList();
        w.Write("<div class=\"news-box\">\n<h3>" + N(fresh.Count) + " new: " +
                string.Join(", ", SeverityOrder.Select(s => (s, n: fresh.Count(f => f.Severity == s))).Where(x => x.n > 0).Select(x => N(x.n) + " " + E(Plural(x.s, x.n)).ToLowerInvariant())) +
                "</h3>\n");
        if (fresh.Count > MaxNewListed)
        {
            // Many new at once (a first run, a big change): by rule first, then the most urgent few.
            w.Write("<p>By rule: " + string.Join(", ", fresh.GroupBy(f => (f.RuleId, f.RuleName)).OrderByDescending(g => g.Count())
                .Select(g => "<code>" + E(g.Key.RuleId) + "</code> " + WordBreaks(g.Key.RuleName) + " " + N(g.Count()))) + ". The most urgent:</p>\n");
        }

        w.Write("<ul class=\"new\">\n");
        // A pointer to each new finding (rule and customer), not the finding again: it is told once, under its customer.
        foreach (var f in listed.Take(MaxNewListed))
        {
            var anchor = page.AnchorOf(f);
            var who = E(Who(f));
            w.Write("<li><span class=\"badge " + f.Severity + "\">" + E(f.Severity.ToString()) + "</span> <code>" + E(f.RuleId) + "</code> " +
                    WordBreaks(f.RuleName) + " · " + (anchor is null ? who : "<a href=\"#" + anchor + "\">" + who + "</a>") + "</li>\n");
        }

        w.Write("</ul>\n");
        var more = listed.Count - Math.Min(listed.Count, MaxNewListed);
        var newInfoCounted = page.DetailInfo ? 0 : fresh.Count(f => f.Severity == FindingSeverity.Info);
        if (more > 0 || newInfoCounted > 0)
        {
            w.Write("<p>" + (more > 0 ? "And " + N(more) + " more new findings below. " : "") +
                    (newInfoCounted > 0 ? N(newInfoCounted) + " new Info findings are counted under <a href=\"#info\">Info, counted</a>; their detail is in the JSON/CSV report." : "") +
                    "</p>\n");
        }

        w.Write("</div>\n");
    }

    private static void WriteCustomers(TextWriter w, Page page)
    {
        w.Write("<h2 id=\"customers\">Customers to act on</h2>\n");
        if (page.Customers.Count == 0)
        {
            w.Write("<p class=\"none\">No customer has findings.</p>\n");
            return;
        }

        w.Write("<p class=\"meta\">One line per customer, most urgent first: errors, then what ends soonest.</p>\n");
        w.Write("<div class=\"scroll\"><table id=\"customer-table\">\n<thead><tr><th>Customer</th><th>Worst</th><th class=\"num\">Errors</th>" +
                "<th class=\"num\">Warnings</th><th class=\"num hide-narrow\">Info</th><th class=\"num\">New</th><th>Ends</th></tr></thead>\n<tbody>\n");
        foreach (var c in page.Customers)
        {
            w.Write("<tr><td><a href=\"#" + page.CustomerAnchors[c] + "\">" + E(c.Name) + "</a></td><td><span class=\"badge " + c.Worst + "\">" +
                    E(c.Worst.ToString()) + "</span></td><td class=\"num\">" + N(c.CountOf(FindingSeverity.Error)) + "</td><td class=\"num\">" +
                    N(c.CountOf(FindingSeverity.Warning)) + "</td><td class=\"num hide-narrow\">" + N(c.CountOf(FindingSeverity.Info)) +
                    "</td><td class=\"num\">" + N(c.NewCount) + "</td><td>" + (c.EndsSoonest is { } end ? Day(end) : "") + "</td></tr>\n");
        }

        w.Write("</tbody>\n</table></div>\n");
        WriteLeftOut(w, page);
    }

    private static void WriteLeftOut(TextWriter w, Page page)
    {
        if (page.CustomersLeftOut > 0)
        {
            w.Write("<p class=\"meta\">The " + N(MaxCustomers) + " most urgent customers are shown; " + N(page.CustomersLeftOut) + " more customers with " +
                    N(page.FindingsLeftOut) + " findings are in the JSON/CSV report.</p>\n");
        }
    }

    private static void WriteRules(TextWriter w, Page page)
    {
        w.Write("<h2 id=\"rules\">By rule</h2>\n<div class=\"scroll\"><table id=\"rule-table\">\n<thead><tr><th>Rule</th><th>Severity</th>" +
                "<th class=\"hide-narrow\">Looks for</th><th class=\"num\">Findings</th><th class=\"num\">New</th></tr></thead>\n<tbody>\n");
        foreach (var rule in page.Result.Rules)
        {
            var counted = page.CountedInfo.Contains(rule);
            var target = rule.Count == 0 ? null : counted ? "#info" : "#rule-" + rule.RuleId;
            var name = "<code>" + E(rule.RuleId) + "</code> " + WordBreaks(rule.RuleName);
            w.Write("<tr><td class=\"rule\">" +
                    (target is null ? name : "<a href=\"" + target + "\"" + (counted ? "" : " data-rule=\"" + E(rule.RuleId) + "\"") + ">" + name + "</a>") +
                    "</td><td><span class=\"badge " + rule.Severity + "\">" + E(rule.Severity.ToString()) + "</span></td><td class=\"hide-narrow\">" +
                    E(rule.Description) + "</td><td class=\"num\">" + N(rule.Count) + "</td><td class=\"num\">" + N(rule.NewCount) + "</td></tr>\n");
        }

        w.Write("</tbody>\n</table></div>\n");
    }

    private static void WriteFindings(TextWriter w, Page page)
    {
        var result = page.Result;
        w.Write("<h2 id=\"findings\">Findings by customer</h2>\n");
        if (page.Customers.Count == 0)
        {
            w.Write("<p class=\"none\">No findings.</p>\n");
            return;
        }

        // Hidden until the script shows it: without script the page reads in full.
        w.Write("<div class=\"filters\" id=\"filters\" hidden>\n<label>Severity <select id=\"filter-severity\"><option value=\"\">all</option>");
        foreach (var severity in SeverityOrder.Where(s => s >= result.MinimumSeverity && (page.DetailInfo || s > FindingSeverity.Info)))
        {
            w.Write("<option>" + severity + "</option>");
        }

        w.Write("</select></label>\n<label>Rule <select id=\"filter-rule\"><option value=\"\">all</option>");
        foreach (var rule in result.Rules.Where(r => r.Count > 0 && !page.CountedInfo.Contains(r)))
        {
            w.Write("<option value=\"" + E(rule.RuleId) + "\">" + E(rule.RuleId + " " + rule.RuleName) + "</option>");
        }

        w.Write("</select></label>\n<label>Customer <input id=\"filter-customer\" type=\"search\" placeholder=\"name contains\"></label>\n" +
                "<span id=\"filter-count\" class=\"meta\"></span>\n</div>\n");

        foreach (var c in page.Customers)
        {
            w.Write("<section class=\"customer " + c.Worst + "\" id=\"" + page.CustomerAnchors[c] + "\" data-name=\"" + E(c.Name.ToLowerInvariant()) + "\">\n<h3>" +
                    E(c.Name) + "</h3>\n<ul class=\"findings\">\n");
            foreach (var f in c.Findings)
            {
                w.Write("<li class=\"finding\" data-rule=\"" + E(f.RuleId) + "\" data-severity=\"" + f.Severity + "\">\n<p><span class=\"badge " + f.Severity + "\">" +
                        E(f.Severity.ToString()) + "</span> " + (f.IsNew ? "<span class=\"badge New\">New</span> " : "") + "<code>" + E(f.RuleId) + "</code> " +
                        WordBreaks(f.RuleName) + "</p>\n<p class=\"what\">" + E(f.Message) + "</p>\n<p>" + E(f.Recommendation) + "</p>\n");
                if (f.RelationshipName is not null || f.EndsAt is not null)
                {
                    w.Write("<p class=\"rel\">" + (f.RelationshipName is null ? "" : "Relationship " + E(f.RelationshipName)) +
                            (f.EndsAt is { } end ? (f.RelationshipName is null ? "Ends " : ", ends ") + Day(end) : "") + "</p>\n");
                }

                // Ids are for looking things up, not for reading: out of sight until asked for.
                var ids = new List<string>();
                if (f.CustomerTenantId is not null) ids.Add("tenant " + f.CustomerTenantId);
                if (f.RelationshipId is not null) ids.Add("relationship " + f.RelationshipId);
                if (f.InviteId is { } invite) ids.Add("invite " + invite.ToString("D"));
                if (ids.Count > 0)
                {
                    w.Write("<details class=\"ids\"><summary>Ids</summary><code>" + E(string.Join(" · ", ids)) + "</code></details>\n");
                }

                w.Write("</li>\n");
            }

            w.Write("</ul>\n</section>\n");
        }

        WriteLeftOut(w, page);
    }

    private static void WriteRuleIndex(TextWriter w, Page page)
    {
        w.Write("<h2 id=\"rule-index\">Customers by rule</h2>\n");
        var any = false;
        foreach (var rule in page.Result.Rules.Where(r => r.Count > 0 && !page.CountedInfo.Contains(r)))
        {
            any = true;
            var customers = page.Customers.Where(c => c.Findings.Any(f => f.RuleId == rule.RuleId)).ToList();
            w.Write("<h3 id=\"rule-" + E(rule.RuleId) + "\"><code>" + E(rule.RuleId) + "</code> " + WordBreaks(rule.RuleName) + " (" + N(rule.Count) + ")</h3>\n" +
                    "<p class=\"customers-of-rule\">");
            w.Write(string.Join(", ", customers.Take(MaxCustomersPerRule).Select(c => "<a href=\"#" + page.CustomerAnchors[c] + "\">" + E(c.Name) + "</a>")));
            var more = rule.Count - customers.Take(MaxCustomersPerRule).Sum(c => c.Findings.Count(f => f.RuleId == rule.RuleId));
            if (more > 0)
            {
                w.Write((customers.Count > 0 ? "; " : "") + "and " + N(more) + " more finding(s) in the JSON/CSV report");
            }

            w.Write("</p>\n");
        }

        if (!any)
        {
            w.Write("<p class=\"none\">No findings.</p>\n");
        }
    }

    private static void WriteCountedInfo(TextWriter w, Page page)
    {
        if (page.CountedInfo.Count == 0)
        {
            return;
        }

        w.Write("<h2 id=\"info\">Info, counted</h2>\n<p class=\"meta\">" + N(page.Result.CountOf(FindingSeverity.Info)) +
                " Info findings (tidy-up, nothing breaks if it waits) are counted here; each is in the JSON and CSV reports.</p>\n" +
                "<div class=\"scroll\"><table id=\"info-table\">\n<thead><tr><th>Rule</th><th class=\"num\">Findings</th><th class=\"num\">New</th></tr></thead>\n<tbody>\n");
        foreach (var rule in page.CountedInfo)
        {
            w.Write("<tr><td class=\"rule\"><code>" + E(rule.RuleId) + "</code> " + WordBreaks(rule.RuleName) + "</td><td class=\"num\">" + N(rule.Count) +
                    "</td><td class=\"num\">" + N(rule.NewCount) + "</td></tr>\n");
        }

        w.Write("</tbody>\n</table></div>\n");
    }

    private static string Plural(FindingSeverity severity, int count) =>
        severity == FindingSeverity.Info || count == 1 ? severity.ToString() : severity + "s";

    private static string Who(Finding f) => f.CustomerName ?? f.CustomerTenantId ?? f.RelationshipName ?? "(no customer)";

    private static string Coverage(ComplianceResult result) =>
        $"{N(result.Coverage.Customers)} customers, {N(result.Coverage.Relationships)} relationships, {N(result.Coverage.Invites)} invites checked";

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>HTML-encodes text for element content and quoted attributes (&lt; &gt; &amp; " ').</summary>
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A rule name like "PendingInviteTooLong", encoded, with break opportunities between its words (narrow screens).</summary>
    private static string WordBreaks(string? name) =>
        System.Text.RegularExpressions.Regex.Replace(E(name), "(?<=[a-z])(?=[A-Z])", "<wbr>");
}
