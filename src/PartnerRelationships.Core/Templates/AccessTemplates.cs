using System;
using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Templates;

/// <summary>Finding the configuration's templates by name (case-insensitive), for -Template and its completer.</summary>
public static class AccessTemplates
{
    public static IReadOnlyList<AccessTemplate> All(PartnerRelationshipsConfig config) =>
        (config ?? throw new ArgumentNullException(nameof(config))).Templates.Select(AccessTemplate.From).ToList();

    public static AccessTemplate? Find(PartnerRelationshipsConfig config, string? name)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        var settings = config.Templates.FirstOrDefault(t => string.Equals(t.Name?.Trim(), name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return settings is null ? null : AccessTemplate.From(settings);
    }

    /// <summary>The template, or TemplateNotFound listing the ones the configuration has.</summary>
    public static AccessTemplate Resolve(PartnerRelationshipsConfig config, string name)
    {
        var template = Find(config, name);
        if (template is not null)
        {
            return template;
        }

        var known = config.Templates.Select(t => t.Name).ToList();
        var where = config.SourcePath is null ? "the configuration" : $"the configuration ({config.SourcePath})";
        throw new PartnerRelationshipsException(ErrorIds.Template.TemplateNotFound, ErrorKind.ObjectNotFound,
            known.Count == 0
                ? $"There is no access template '{name}': {where} defines no templates. Add one under 'templates:' ({CommandNames.NewPartnerRelationshipConfig} writes an example)."
                : $"There is no access template '{name}' in {where}. Use one of: {string.Join(", ", known)}.",
            name);
    }
}
