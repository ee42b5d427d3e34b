using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PartnerRelationships.Core.Compliance.Rules;

namespace PartnerRelationships.PowerShell.Completers;

/// <summary>Completes -Rule with the built-in rule ids and names (in memory: never blocks).</summary>
public sealed class ComplianceRuleCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        foreach (var rule in BuiltInRules.All.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var tooltip = $"{rule.Id} {rule.Name} ({rule.Severity}): {rule.Description}";
            if (pattern.IsMatch(rule.Id))
            {
                yield return new CompletionResult(rule.Id, $"{rule.Id} {rule.Name}", CompletionResultType.ParameterValue, tooltip);
            }
            else if (pattern.IsMatch(rule.Name))
            {
                yield return new CompletionResult(rule.Name, rule.Name, CompletionResultType.ParameterValue, tooltip);
            }
        }
    }
}
