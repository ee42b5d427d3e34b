using System.Collections.Generic;

namespace PartnerRelationships.Core.Configuration;

/// <summary>A security group of the partner tenant and the roles a template gives it (a subset of the template's roles).</summary>
public sealed class AccessTemplateGroupSettings
{
    /// <summary>The group's object id (GUID), normalized to lower case.</summary>
    public string Id { get; set; } = "";

    /// <summary>A name for people (the group's display name); optional.</summary>
    public string? Name { get; set; }

    /// <summary>Built-in role names or ids.</summary>
    public List<string> Roles { get; set; } = new();
}
