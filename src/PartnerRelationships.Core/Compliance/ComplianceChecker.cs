using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Compliance.Rules;
using PartnerRelationships.Core.Compliance.Snapshot;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Store;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Compliance;

/// <summary>
/// Runs the compliance rules: gathers one snapshot, evaluates the chosen rules, marks what is new since the last
/// comparable run, and records the run so the next one can do the same.
/// </summary>
public sealed class ComplianceChecker
{
    private readonly IComplianceRunStore? _runs;
    private readonly ComplianceSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ComplianceSnapshotCollector _collector;

    /// <param name="runs">Where runs are recorded; null means nothing is recorded and every finding counts as new.</param>
    /// <param name="rules">The rules to choose from; null means <see cref="BuiltInRules.All"/>.</param>
    public ComplianceChecker(
        IRelationshipStore store,
        IComplianceRunStore? runs,
        IGraphGdapClient graphGdap,
        IPartnerCenterClient partnerCenter,
        ComplianceSettings settings,
        TimeProvider clock,
        IReadOnlyList<IComplianceRule>? rules = null,
        int maxConcurrency = ComplianceSnapshotCollector.DefaultMaxConcurrency)
    {
        _runs = runs;
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _collector = new ComplianceSnapshotCollector(store, graphGdap, partnerCenter, clock, maxConcurrency);
        AvailableRules = rules ?? BuiltInRules.All;
    }

    public IReadOnlyList<IComplianceRule> AvailableRules { get; }

    public async Task<ComplianceResult> RunAsync(ComplianceCheckOptions? options = null, IProgress<ComplianceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ComplianceCheckOptions();
        var startedAt = _clock.GetUtcNow();

        // Everything a user can get wrong fails before any remote call.
        var disabled = ResolveRules(_settings.DisabledRules, "compliance.disabledRules in the configuration");
        IEnumerable<IComplianceRule> selected = options.Rules is { Count: > 0 } wanted ? ResolveRules(wanted, $"-{ParameterNames.Rule}") : AvailableRules;
        var rules = selected.Where(r => !disabled.Contains(r)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var filter = new CustomerScope(options.Customers);

        // The last run's keys first, so each finding is marked new as it is made (marking afterwards copied every one).
        var (previousRunAt, isNew, previousKeys) = await NewSinceLastRunAsync(filter.Scope, rules, cancellationToken).ConfigureAwait(false);
        var (all, coverage, timeline) = await EvaluateAsync(rules, filter, isNew, previousKeys, progress, cancellationToken).ConfigureAwait(false);
        // The snapshot is garbage now: collect it before the recording, sorting and reports allocate on top of it.
        InducedCollection.AfterDropping(coverage.Invites + coverage.Relationships + coverage.Customers);

        var completedAt = _clock.GetUtcNow();
        long? runId = null;
        if (_runs is not null && options.RecordRun)
        {
            progress?.Report(new ComplianceProgress(CompliancePhase.Recording, 0, 1, "Recording the run in the store"));
            var recorded = await _runs.AddComplianceRunAsync(
                new ComplianceRunRecord
                {
                    StartedAt = startedAt,
                    CompletedAt = completedAt,
                    Scope = filter.Scope,
                    Rules = rules.Select(r => r.Id).ToArray(),
                    FindingCount = all.Count,
                    Counts = all.GroupBy(f => (f.RuleId, f.Severity))
                        .OrderBy(g => g.Key.RuleId, StringComparer.Ordinal)
                        .Select(g => new ComplianceRunCount(g.Key.RuleId, g.Key.Severity.ToString(), g.Count()))
                        .ToArray(),
                },
                all.Select(f => f.Key).ToArray(),
                cancellationToken).ConfigureAwait(false);
            runId = recorded.Id;
            progress?.Report(new ComplianceProgress(CompliancePhase.Recording, 1, 1, "Recorded the run"));
        }

        // Most urgent first: errors, then what ends soonest (findings without an end date after those with one).
        var reported = all
            .Where(f => f.Severity >= options.MinimumSeverity)
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.EndsAt ?? DateTimeOffset.MaxValue)
            .ThenBy(f => f.CustomerName ?? f.CustomerTenantId ?? "", StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        var summaries = rules
            .Select(r => new ComplianceRuleSummary(r.Id, r.Name, r.Severity, r.Description,
                reported.Count(f => f.RuleId == r.Id), reported.Count(f => f.RuleId == r.Id && f.IsNew)))
            .ToList();

        return new ComplianceResult(
            startedAt,
            completedAt,
            reported,
            summaries,
            options.MinimumSeverity,
            previousRunAt,
            runId,
            filter.Scope,
            disabled.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal).ToList(),
            coverage,
            timeline);
    }

    /// <summary>
    /// Collects the snapshot and runs the rules over it. Its own method so that the snapshot (every store record,
    /// relationship and customer) is unreachable once the findings exist, and not held while the run is recorded,
    /// sorted and reported.
    /// </summary>
    private async Task<(List<Finding> Findings, ComplianceCoverage Coverage, ComplianceTimeline Timeline)> EvaluateAsync(
        IReadOnlyList<IComplianceRule> rules, CustomerScope filter, Func<Finding, bool> isNew, IEnumerable<IReadOnlyCollection<string>> previousKeys,
        IProgress<ComplianceProgress>? progress, CancellationToken cancellationToken)
    {
        var snapshot = await _collector.CollectAsync(filter, progress, cancellationToken).ConfigureAwait(false);

        // The collection ends on the stack of its last read, and this continuation would run on that stack, with the
        // rules, the recording and the sorting after it: the collector's frames (and what their locals hold) would stay
        // reachable until the run's end. Continuing off that stack lets them go.
        await Task.Yield();
        // What the collection used to build the snapshot (string table, pages, buffers) is garbage now: collect it before the rules.
        InducedCollection.AfterDropping(snapshot.Invites.Count + snapshot.Relationships.Count + snapshot.Customers.Count);

        var context = new ComplianceContext(snapshot.CollectedAt, _settings);

        var all = new List<Finding>();
        // Findings are held together until the reports are written, so each distinct text is held once: half of a large
        // partner's recommendations repeat (the same advice for the same date), and most keys are the ones the last run
        // recorded, which are held already to tell what is new.
        var texts = new SnapshotStringPool();
        foreach (var keys in previousKeys)
        {
            foreach (var key in keys)
            {
                texts.Share(key);
            }
        }

        for (var i = 0; i < rules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ComplianceProgress(CompliancePhase.Rules, i, rules.Count, $"Checking {rules[i].Id} {rules[i].Name}"));
            foreach (var finding in rules[i].Evaluate(snapshot, context))
            {
                var key = texts.Share(finding.Key);
                var recommendation = texts.Share(finding.Recommendation);
                var fresh = isNew(finding);
                all.Add(ReferenceEquals(key, finding.Key) && ReferenceEquals(recommendation, finding.Recommendation) && fresh == finding.IsNew
                    ? finding
                    : finding with { Key = key, Recommendation = recommendation, IsNew = fresh });
            }
        }

        progress?.Report(new ComplianceProgress(CompliancePhase.Rules, rules.Count, rules.Count, "Checked all rules"));
        return (all,
            new ComplianceCoverage(snapshot.Invites.Count, snapshot.Relationships.Count, snapshot.Customers.Count),
            ComplianceTimeline.From(snapshot.CollectedAt, snapshot.Relationships));
    }

    /// <summary>
    /// For each rule, the newest earlier run of the same scope that evaluated it: a finding is new unless that run had
    /// its key. A rule no earlier run evaluated (or a first run) makes all its findings new. Also the key sets read.
    /// </summary>
    private async Task<(DateTimeOffset? PreviousRunAt, Func<Finding, bool> IsNew, IEnumerable<IReadOnlyCollection<string>> PreviousKeys)> NewSinceLastRunAsync(
        string scope, IReadOnlyList<IComplianceRule> rules, CancellationToken cancellationToken)
    {
        var none = Array.Empty<IReadOnlyCollection<string>>();
        if (_runs is null)
        {
            return (null, _ => true, none);
        }

        var previous = await _runs.GetLatestComplianceRunsAsync(scope, ComplianceRunRetention.KeptKeySetsPerScope, cancellationToken).ConfigureAwait(false);
        if (previous.Count == 0)
        {
            return (null, _ => true, none);
        }

        var keysByRule = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        var keysByRun = new Dictionary<long, IReadOnlyCollection<string>>();
        foreach (var rule in rules)
        {
            var run = previous.FirstOrDefault(p => p.Rules.Contains(rule.Id, StringComparer.Ordinal));
            if (run is null)
            {
                continue;
            }

            if (!keysByRun.TryGetValue(run.Id, out var keys))
            {
                keys = await _runs.GetComplianceRunFindingKeysAsync(run.Id, cancellationToken).ConfigureAwait(false);
                keysByRun.Add(run.Id, keys);
            }

            keysByRule[rule.Id] = keys;
        }

        return (previous[0].CompletedAt, f => !(keysByRule.TryGetValue(f.RuleId, out var keys) && keys.Contains(f.Key)), keysByRun.Values);
    }

    private HashSet<IComplianceRule> ResolveRules(IEnumerable<string> names, string source)
    {
        var resolved = new HashSet<IComplianceRule>();
        foreach (var raw in names)
        {
            var name = raw?.Trim() ?? "";
            var rule = AvailableRules.FirstOrDefault(r => string.Equals(r.Id, name, StringComparison.OrdinalIgnoreCase)
                                                          || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (rule is null)
            {
                var nearest = KeySuggester.Nearest(name, AvailableRules.SelectMany(r => new[] { r.Id, r.Name }));
                throw new PartnerRelationshipsException(
                    ErrorIds.Compliance.UnknownComplianceRule,
                    ErrorKind.InvalidArgument,
                    $"{source} names the rule '{name}', which does not exist." + (nearest is null ? "" : $" Did you mean '{nearest}'?") +
                    " Rules: " + string.Join(", ", AvailableRules.Select(r => r.Id + " " + r.Name)) + ".",
                    name);
            }

            resolved.Add(rule);
        }

        return resolved;
    }
}
