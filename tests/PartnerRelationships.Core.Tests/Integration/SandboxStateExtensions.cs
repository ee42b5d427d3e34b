using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Core.Tests.Integration;

/// <summary>Test shorthands for the customer's side of the sandbox.</summary>
internal static class SandboxStateExtensions
{
    /// <summary>
    /// The customer approves and the service finishes activating (approved → activating → active happen on the
    /// sandbox clock; this lets that time pass at once). Tests of the in-between statuses call ApproveRelationship.
    /// </summary>
    public static SandboxRelationship ApproveAndActivate(this SandboxState state, string id, string? tenantId = null, string? customerDisplayName = null)
    {
        state.ApproveRelationship(id, tenantId, customerDisplayName);
        state.CompletePendingWork();
        return state.FindRelationship(id)!;
    }
}
