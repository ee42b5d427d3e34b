using System.Collections.Generic;
using System.Linq;
using PartnerRelationships.Core.Roles;

namespace PartnerRelationships.Core.Templates;

/// <summary>A partner security group and the roles a template gives it at each customer.</summary>
public sealed record AccessTemplateGroup(string Id, string? Name, IReadOnlyList<EntraRole> Roles)
{
    /// <summary>The name when the configuration gives one, else the id: what messages show.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : $"{Name} ({Id})";

    public IReadOnlyList<string> RoleIds => Roles.Select(r => r.Id).ToList();
}
