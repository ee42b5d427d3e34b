namespace PartnerRelationships.Sandbox.State;

/// <summary>The delegatedAdminAccessAssignmentStatus values.</summary>
public static class AccessAssignmentStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
    public const string Error = "error";
}
