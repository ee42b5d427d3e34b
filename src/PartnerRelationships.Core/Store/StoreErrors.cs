using System;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Store;

/// <summary>
/// The errors both stores raise with the same id and wording; each store names itself (<c>store file '…'</c> or
/// <c>PostgreSQL store host:port/db</c>) and what holds its locks (another process or another session).
/// </summary>
internal static class StoreErrors
{
    public static PartnerRelationshipsException Busy(string store, string lockHolder, string target, TimeSpan waited, Exception inner) => new(
        ErrorIds.Store.StoreBusy,
        ErrorKind.ResourceUnavailable,
        $"The {store} stayed locked by another {lockHolder} for {Math.Round(waited.TotalSeconds):0} seconds; nothing was changed. " +
        "Try again when other PartnerRelationships commands have finished.",
        target,
        inner);

    public static PartnerRelationshipsException SchemaTooNew(string store, string target, int version, int latestVersion) => new(
        ErrorIds.Store.StoreSchemaTooNew,
        ErrorKind.InvalidOperation,
        $"The {store} was written by a newer version of PartnerRelationships (schema {version}; this version " +
        $"knows up to {latestVersion}). Update the module: Update-Module PartnerRelationships.",
        target);

    public static PartnerRelationshipsException InviteAlreadyExists(Guid id, Exception inner) => new(
        ErrorIds.Invite.InviteAlreadyExists,
        ErrorKind.ResourceExists,
        $"An invite with id {id} is already recorded. Use {CommandNames.GetResellerInvite} -{ParameterNames.Id} {id} to see it.",
        id,
        inner);

    public static PartnerRelationshipsException DisplayNameInUse(string? displayName, Exception inner) => new(
        ErrorIds.Workflow.RelationshipDisplayNameInUse,
        ErrorKind.ResourceExists,
        $"Another invite already uses the relationship display name '{displayName}'. Choose a different display name.",
        displayName,
        inner);
}
