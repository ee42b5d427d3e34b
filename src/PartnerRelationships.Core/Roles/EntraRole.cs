namespace PartnerRelationships.Core.Roles;

/// <summary>A built-in Microsoft Entra role: its role template id (what GDAP calls roleDefinitionId) and name.</summary>
public sealed record EntraRole(string Id, string Name)
{
    public override string ToString() => Name;
}
