using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Notes: history entries that record something other than a status change (template assignment states).</summary>
public abstract partial class RelationshipStoreContractTests
{
    private IInviteNotes Notes => Assert.IsAssignableFrom<IInviteNotes>(Store);

    [SkippableFact]
    public async Task A_note_is_a_history_entry_at_the_current_status_that_changes_nothing_else()
    {
        var invite = await Store.AddInviteAsync(TestInvites.New(kind: InviteKind.GranularAdmin));
        var accepted = await Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddHours(1), "relationship status active"));

        Assert.True(await Notes.AddNoteAsync(invite.Id, TestInvites.Start.AddHours(2), "template helpdesk: group 1111 pending"));

        var history = await Store.GetHistoryAsync(invite.Id);
        Assert.Equal(3, history.Count);
        var note = history[2];
        Assert.Equal(InviteStatus.Accepted, note.FromStatus);
        Assert.Equal(InviteStatus.Accepted, note.ToStatus);
        Assert.Equal(TestInvites.Start.AddHours(2), note.At);
        Assert.Equal("template helpdesk: group 1111 pending", note.Detail);
        Assert.True(note.Sequence > history[1].Sequence);
        Assert.Equal(accepted, await Store.GetInviteAsync(invite.Id));
    }

    [SkippableFact]
    public async Task A_note_for_an_unknown_invite_is_refused_quietly()
    {
        Assert.False(await Notes.AddNoteAsync(Guid.NewGuid(), TestInvites.Start, "nobody"));
    }
}
