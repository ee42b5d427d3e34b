using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Templates;

/// <summary>The differences between customers' access and a template; read-only, so -WhatIf prints exactly this.</summary>
public sealed class AccessPlan
{
    internal AccessPlan(AccessTemplate template, IReadOnlyList<AccessPlanItem> items, int relationshipsChecked)
    {
        Template = template;
        Items = items;
        RelationshipsChecked = relationshipsChecked;
    }

    public AccessTemplate Template { get; }
    public IReadOnlyList<AccessPlanItem> Items { get; }

    /// <summary>Relationships compared (those without items match the template).</summary>
    public int RelationshipsChecked { get; }

    public bool HasChanges => Items.Any(i => i.CanApply);

    public string Description => Items.Count == 0
        ? $"Every checked relationship matches template '{Template.Name}'"
        : string.Join("\n", Items.Select(i => i.Description));
}
