using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.PowerShell.Completers;

/// <summary>Completes built-in Entra role names from the local catalog (never a remote call, so it never blocks).</summary>
public sealed class RoleNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        RoleCatalog.Match(wordToComplete).Select(role => new CompletionResult(
            role.Name.Contains(' ') ? $"'{role.Name}'" : role.Name,
            role.Name,
            CompletionResultType.ParameterValue,
            $"{role.Name} ({role.Id})"));
}
