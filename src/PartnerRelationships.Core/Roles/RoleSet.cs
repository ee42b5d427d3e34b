using System;
using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Roles;

/// <summary>A role set as relationships and access assignments carry it: the ids as sent, and their catalog names.</summary>
public sealed class RoleSet
{
    public static readonly RoleSet Empty = new(Array.Empty<string>());

    internal RoleSet(string[] ids)
    {
        Ids = ExportableList<string>.Owning(ids);
        var names = new string[ids.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = RoleCatalog.NameOf(ids[i]);
        }

        Names = ExportableList<string>.Owning(names);
    }

    /// <summary>The role definition ids, in the order the service listed them.</summary>
    public ExportableList<string> Ids { get; }

    /// <summary>The roles by name (an id not in the catalog is shown as the id).</summary>
    public ExportableList<string> Names { get; }
}
