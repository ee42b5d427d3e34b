using System.Collections.Generic;
using PartnerRelationships.Core.Invites;

namespace PartnerRelationships.Core.Adoption;

/// <summary>What Import-PartnerRelationship looks for.</summary>
public sealed class AdoptionOptions
{
    /// <summary>Only this kind (GDAP relationships or reseller customers); null means both.</summary>
    public InviteKind? Kind { get; init; }

    /// <summary>Customer name or tenant id patterns (wildcards); empty means every customer.</summary>
    public IReadOnlyList<string>? Customers { get; init; }

    /// <summary>Also record relationships that already ended (terminated, expired), so the store's history is complete.</summary>
    public bool IncludeEnded { get; init; } = true;
}
