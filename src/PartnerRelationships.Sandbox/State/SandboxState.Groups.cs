namespace PartnerRelationships.Sandbox.State;

/// <summary>
/// Security groups of the partner tenant, just enough to ask whether one exists: every well-formed id exists (the
/// sandbox has no directory to seed) until a test deletes it, as an admin deleting the group in Entra would.
/// </summary>
public sealed partial class SandboxState
{
    private readonly HashSet<string> _deletedGroups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The group, or NotFound when it was deleted (or the id is not a GUID, as Graph answers).</summary>
    public SandboxGroup GetGroup(string id)
    {
        lock (_gate)
        {
            if (!Guid.TryParse(id, out var guid) || _deletedGroups.Contains(guid.ToString("D")))
            {
                throw SandboxRuleException.NotFound($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
            }

            return new SandboxGroup(guid.ToString("D"), "Group " + guid.ToString("D").Substring(0, 8));
        }
    }

    /// <summary>Deletes a partner security group (a test and demo control); its access assignments stay, as in the service.</summary>
    public void DeleteGroup(string id)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            throw SandboxRuleException.BadRequest($"'{id}' is not a group object id (GUID).");
        }

        lock (_gate)
        {
            _deletedGroups.Add(guid.ToString("D"));
        }
    }

    private bool GroupDeleted(string id) => Guid.TryParse(id, out var guid) && _deletedGroups.Contains(guid.ToString("D"));
}

/// <summary>A security group of the partner tenant, as GET /v1.0/groups/{id} returns it.</summary>
public sealed record SandboxGroup(string Id, string DisplayName);
