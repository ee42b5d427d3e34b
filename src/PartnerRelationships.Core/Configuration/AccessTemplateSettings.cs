using System.Collections.Generic;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// One access template as written in the configuration (templates:): the roles an invite requests and, for each of
/// the partner's security groups, the roles it gets once the customer accepts. Validated by the loader; resolved to
/// <see cref="Templates.AccessTemplate"/> for use.
/// </summary>
public sealed class AccessTemplateSettings
{
    /// <summary>Unique (case-insensitive) among the templates; what -Template names.</summary>
    public string Name { get; set; } = "";

    /// <summary>Built-in role names or ids requested in the invite.</summary>
    public List<string> Roles { get; set; } = new();

    /// <summary>ISO 8601 days (P1D..P730D); null: invites.duration.</summary>
    public string? Duration { get; set; }

    /// <summary>Null: invites.autoExtend.</summary>
    public bool? AutoExtend { get; set; }

    /// <summary>Prefix of the relationship display name; null: invites.displayNamePrefix.</summary>
    public string? DisplayNamePrefix { get; set; }

    public List<AccessTemplateGroupSettings> Groups { get; set; } = new();
}
