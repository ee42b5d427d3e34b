using System;
using System.Collections.Generic;

namespace PartnerRelationships.Core.Compliance.Snapshot;

/// <summary>An access assignment as the rules see it.</summary>
public sealed record ComplianceAccessAssignment(string Id, string SecurityGroupId, string Status, IReadOnlyList<string> Roles)
{
    public const string ErrorStatus = "error";

    public bool IsInError => string.Equals(Status, ErrorStatus, StringComparison.OrdinalIgnoreCase);

    /// <summary>Being removed or gone: it grants nothing and is not a problem of its own.</summary>
    public bool IsGone => string.Equals(Status, "deleted", StringComparison.OrdinalIgnoreCase)
                          || string.Equals(Status, "deleting", StringComparison.OrdinalIgnoreCase);
}
