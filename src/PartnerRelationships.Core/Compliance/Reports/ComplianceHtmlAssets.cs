using System;
using System.Security.Cryptography;
using System.Text;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// The report's inline style and its one small script (filters). The Content-Security-Policy allows exactly this
/// script by its SHA-256 hash, so nothing else can run even if some text slipped through unencoded.
/// </summary>
internal static class ComplianceHtmlAssets
{
    public const string Css = """
        :root { color-scheme: light; --error: #b42318; --warning: #9a6700; --info: #175cd3; --news: #8250df; --muted: #57606a; --line: #d0d7de; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 16px 48px; }
        h1 { font-size: 1.6em; margin: 0 0 4px; }
        h2 { font-size: 1.25em; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.05em; margin: 0 0 8px; }
        a { color: #0969da; }
        .meta { color: var(--muted); margin: 0 0 16px; }
        nav.toc { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; }
        nav.toc ol { margin: 0; padding-left: 20px; columns: 2; } nav.toc li { margin: 2px 0; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
        .card .n { font-size: 2em; font-weight: 700; line-height: 1.1; }
        .card.Error { border-top: 4px solid var(--error); } .card.Warning { border-top: 4px solid var(--warning); }
        .card.Info { border-top: 4px solid var(--info); }
        .card.news { background: var(--news); color: #fff; border-color: var(--news); } .card.quiet { color: var(--muted); }
        .news-box { background: #fbefff; border: 1px solid #d8b9ff; border-left: 6px solid var(--news); border-radius: 8px; padding: 12px 16px; }
        .news-box h3 { color: var(--news); }
        .scroll { overflow-x: auto; }
        table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f0f2f4; font-weight: 600; } td.num, th.num { text-align: right; }
        td.rule { overflow-wrap: break-word; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: .8em; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.Error { background: var(--error); } .badge.Warning { background: var(--warning); } .badge.Info { background: var(--info); }
        .badge.New { background: var(--news); }
        section.customer { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 12px; }
        section.customer.Error { border-left-color: var(--error); } section.customer.Warning { border-left-color: var(--warning); } section.customer.Info { border-left-color: var(--info); }
        ul.findings { list-style: none; margin: 0; padding: 0; }
        li.finding { padding: 8px 0; border-top: 1px solid #eaeef2; } li.finding:first-child { border-top: 0; }
        li.finding p { margin: 4px 0; overflow-wrap: anywhere; }
        .what { font-weight: 600; } .rel { color: var(--muted); font-size: .9em; }
        details.ids { color: var(--muted); font-size: .85em; } details.ids code { overflow-wrap: anywhere; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
        ul.new { padding-left: 20px; margin: 8px 0; } ul.new li { margin: 4px 0; overflow-wrap: anywhere; }
        .none { color: var(--muted); font-style: italic; }
        .filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 0 0 12px; position: sticky; top: 0; z-index: 1; }
        .filters label { display: flex; gap: 6px; align-items: center; min-width: 0; max-width: 100%; } .filters input, .filters select { font: inherit; max-width: 100%; min-width: 0; }
        svg.timeline { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        svg.timeline text { font-size: 11px; fill: #1f2328; } svg.timeline .without { fill: var(--warning); } svg.timeline .with { fill: var(--info); }
        svg.timeline .axis { stroke: var(--muted); }
        details.figures { margin: 8px 0; } p.customers-of-rule { overflow-wrap: anywhere; }
        [hidden] { display: none !important; }
        @media (max-width: 600px) {
          main { padding: 16px 10px 32px; } h1 { font-size: 1.3em; }
          nav.toc ol { columns: 1; }
          .cards { grid-template-columns: repeat(2, 1fr); }
          th, td { padding: 5px 6px; }
          .hide-narrow { display: none; }
          .filters select, .filters input { max-width: 62vw; }
        }
        """;

    /// <summary>Filters by severity, rule and customer name; a rule link in the by-rule table sets the rule filter.</summary>
    public const string Script = """
        (function () {
          var bar = document.getElementById('filters');
          if (!bar) { return; }
          bar.hidden = false;
          var sev = document.getElementById('filter-severity'), rule = document.getElementById('filter-rule');
          var name = document.getElementById('filter-customer'), count = document.getElementById('filter-count');
          function apply() {
            var s = sev.value, r = rule.value, n = name.value.trim().toLowerCase(), shown = 0;
            document.querySelectorAll('section.customer').forEach(function (c) {
              var nameOk = !n || c.getAttribute('data-name').indexOf(n) >= 0, any = false;
              c.querySelectorAll('li.finding').forEach(function (f) {
                var ok = nameOk && (!s || f.getAttribute('data-severity') === s) && (!r || f.getAttribute('data-rule') === r);
                f.hidden = !ok;
                if (ok) { any = true; shown++; }
              });
              c.hidden = !any;
            });
            count.textContent = shown + ' shown';
          }
          sev.addEventListener('change', apply);
          rule.addEventListener('change', apply);
          name.addEventListener('input', apply);
          document.querySelectorAll('a[data-rule]').forEach(function (a) {
            a.addEventListener('click', function (e) {
              e.preventDefault();
              rule.value = a.getAttribute('data-rule');
              apply();
              document.getElementById('findings').scrollIntoView();
            });
          });
          apply();
        })();
        """;

    /// <summary>The CSP source that allows <see cref="Script"/> and nothing else.</summary>
    public static string ScriptHashSource { get; } = "'sha256-" + Hash(Script) + "'";

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}
