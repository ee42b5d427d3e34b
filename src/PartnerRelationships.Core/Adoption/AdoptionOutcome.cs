namespace PartnerRelationships.Core.Adoption;

/// <summary>What recording one relationship found at the service did.</summary>
public enum AdoptionOutcome
{
    /// <summary>Recorded in the store now, marked as adopted.</summary>
    Adopted,

    /// <summary>The store knew it already (another worker recorded it meanwhile, or an invite refers to it): nothing written.</summary>
    AlreadyRecorded,
}
