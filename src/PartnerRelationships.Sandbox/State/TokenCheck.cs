namespace PartnerRelationships.Sandbox.State;

/// <summary>What the sandbox thinks of a bearer token.</summary>
public enum TokenCheck
{
    Valid,
    Missing,
    Unknown,
    Expired,
}
