using System;
using System.Collections.Generic;
using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Compliance;

/// <summary>What rules judge against besides the snapshot: the time of the run and the configured thresholds.</summary>
public sealed class ComplianceContext
{
    public ComplianceContext(DateTimeOffset now, ComplianceSettings settings)
    {
        Now = now;
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _forbidden = new HashSet<string>(ComplianceRoles.ForbiddenRoleIds(settings.ForbiddenRoles), StringComparer.OrdinalIgnoreCase);
    }

    private readonly HashSet<string> _forbidden;

    public DateTimeOffset Now { get; }

    public ComplianceSettings Settings { get; }

    /// <summary>Global Administrator plus <c>compliance.forbiddenRoles</c>, as role ids.</summary>
    public IReadOnlyCollection<string> ForbiddenRoleIds => _forbidden;

    public bool IsForbidden(string roleId) => _forbidden.Contains(roleId);
}
