using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.PowerShell.Completers;

/// <summary>
/// Completes access template names from the configuration (-ConfigPath if typed, else the usual search); a local file
/// read only, and a configuration that does not load completes nothing rather than failing the completion.
/// </summary>
public sealed class TemplateNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            var explicitPath = fakeBoundParameters?["ConfigPath"] as string;
            var path = ConfigLocator.Resolve(explicitPath, Environment.GetEnvironmentVariable);
            names = path is null
                ? Array.Empty<string>()
                : ConfigLoader.Load(path).Templates.Select(t => t.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).ToList();
        }
        catch (Exception)
        {
            // Completion must never throw: a broken configuration is reported when the command runs.
            names = Array.Empty<string>();
        }

        var word = (wordToComplete ?? "").Trim('\'', '"');
        return names
            .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult(n.Contains(' ') ? $"'{n}'" : n, n, CompletionResultType.ParameterValue, n));
    }
}
