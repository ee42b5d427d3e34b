using System;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Workflow;

/// <summary>An invite a sync could not check (its own look-up at a service failed); the other invites were checked.</summary>
public sealed record InviteSyncFailure(Guid InviteId, string CustomerName, PartnerRelationshipsException Error)
{
    /// <summary>The error as the user should see it: which invite, what failed, and that a later sync retries it.</summary>
    public PartnerRelationshipsException ToReportable() => new(
        Error.ErrorId,
        Error.Category,
        $"Invite {InviteId} ({CustomerName}) was not checked: {Error.Message} The other invites were; the next sync checks this one again.",
        InviteId,
        Error);
}
