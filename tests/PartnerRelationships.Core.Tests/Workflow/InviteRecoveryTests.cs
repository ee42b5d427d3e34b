using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;
using PartnerRelationships.Core.Tests.Invites;

namespace PartnerRelationships.Core.Tests.Workflow;

/// <summary>
/// The draft and the record agree after a crash, and a re-run never doubles an invite: a run killed between
/// recording an invite and moving its draft into place left the invite without a draft and a hidden
/// '.Name.eml.&lt;guid&gt;.tmp'; running the same request again recorded the customer a second time.
/// </summary>
public class InviteRecoveryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly InMemoryRelationshipStore _store = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InviteService _service;

    public InviteRecoveryTests()
    {
        _service = new InviteService(Config(), _store, _clock);
    }

    public void Dispose() => _folder.Dispose();

    private ResellerInviteRequest Request(string name = "Contoso", string email = "admin@contoso.com", bool allowDuplicate = false) =>
        new() { CustomerName = name, CustomerEmail = email, DraftFile = _folder.Path, AllowDuplicate = allowDuplicate };

    private Task<CreatedInvite> Record(ResellerInviteRequest request) =>
        _service.RecordAsync(request, _service.Prepare(request), CancellationToken.None);

    /// <summary>What a run killed after the store write and before the move leaves: the record, and the staged file.</summary>
    private async Task<(ResellerInvite Invite, string Leftover)> CrashAfterRecordingAsync(ResellerInviteRequest request)
    {
        var draft = _service.Prepare(request);
        var content = EmlWriter.ComposeBytes(draft.To, draft.Subject, draft.Body, Now);
        var staged = DraftFileWriter.Stage(request.DraftFile!, draft.CustomerName, false, content, Now);
        var invite = await _store.AddInviteAsync(new ResellerInvite
        {
            Id = Guid.NewGuid(), Kind = InviteKind.Reseller, CustomerName = draft.CustomerName, CustomerEmail = draft.To,
            Status = InviteStatus.Pending, CreatedAt = Now, StatusChangedAt = Now, Link = draft.Link, Subject = draft.Subject, Body = draft.Body,
        });
        var leftover = Assert.Single(Directory.GetFiles(_folder.Path, ".*.tmp"));
        Assert.False(File.Exists(staged.Path));
        File.SetLastWriteTimeUtc(leftover, Now.UtcDateTime); // the kill happened at the clock's "now"
        return (invite, leftover);
    }

    [Fact]
    public async Task A_rerun_after_a_crash_finds_the_recorded_invite_finishes_its_draft_and_cleans_up()
    {
        var (crashed, leftover) = await CrashAfterRecordingAsync(Request());
        _clock.Advance(TimeSpan.FromHours(1));

        var rerun = await Record(Request());

        Assert.True(rerun.AlreadyPending);
        Assert.Equal(crashed.Id, rerun.Invite.Id);
        Assert.Single(_store.Invites);
        Assert.Equal(_folder.File("Contoso.eml"), rerun.DraftFile);
        var eml = File.ReadAllText(rerun.DraftFile!);
        Assert.Contains("admin@contoso.com", eml);
        Assert.Contains(crashed.Link, MimeDecoding.DecodeQuotedPrintable(MimeDecoding.Split(eml).Body));
        Assert.False(File.Exists(leftover));
        Assert.Equal(new[] { "Contoso.eml" }, _folder.AllFileNames());
    }

    [Fact]
    public async Task A_staged_file_young_enough_to_belong_to_a_running_invite_is_left_alone()
    {
        var (_, leftover) = await CrashAfterRecordingAsync(Request());
        _clock.Advance(TimeSpan.FromMinutes(1));

        await Record(Request("Contoso", "other@contoso.com"));

        Assert.True(File.Exists(leftover));
    }

    [Fact]
    public async Task Rerunning_a_batch_never_doubles_an_invite()
    {
        var batch = new[] { ("Contoso", "admin@contoso.com"), ("Fabrikam", "it@fabrikam.com"), ("Tailspin", "ops@tailspin.example") };
        foreach (var (name, email) in batch)
        {
            Assert.False((await Record(Request(name, email))).AlreadyPending);
        }

        foreach (var (name, email) in batch)
        {
            var again = await Record(Request(name, email.ToUpperInvariant()));
            Assert.True(again.AlreadyPending);
            Assert.True(File.Exists(again.DraftFile)); // the draft written the first time, kept as it was
        }

        Assert.Equal(3, _store.Invites.Count);
        Assert.Equal(new[] { "Contoso.eml", "Fabrikam.eml", "Tailspin.eml" }, _folder.AllFileNames());
    }

    [Fact]
    public async Task The_explicit_switch_records_another_invite_to_the_same_address()
    {
        await Record(Request());
        File.Delete(_folder.File("Contoso.eml"));

        var second = await Record(Request(allowDuplicate: true));

        Assert.False(second.AlreadyPending);
        Assert.Equal(2, _store.Invites.Count);
    }

    [Fact]
    public async Task An_invite_that_is_no_longer_pending_does_not_stop_a_new_one()
    {
        var first = await Record(Request());
        await _store.TryChangeStatusAsync(new Core.Store.StatusChange(first.Invite.Id, InviteStatus.Pending, InviteStatus.Expired, Now));
        File.Delete(_folder.File("Contoso.eml"));

        var second = await Record(Request());

        Assert.False(second.AlreadyPending);
        Assert.Equal(2, _store.Invites.Count);
    }
}
