using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;
using static PartnerRelationships.Core.Tests.Invites.MimeDecoding;
using PartnerRelationships.Core.Tests.Invites;

namespace PartnerRelationships.Core.Tests.Workflow;

public class InviteServiceRecordTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly InMemoryRelationshipStore _store = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InviteService _service;

    public InviteServiceRecordTests()
    {
        _service = new InviteService(Config(), _store, _clock);
    }

    public void Dispose() => _folder.Dispose();

    private static ResellerInviteRequest Request(string name = "Contoso", string email = "admin@contoso.com", string? draftFile = null, bool overwrite = false) =>
        new() { CustomerName = name, CustomerEmail = email, DraftFile = draftFile, OverwriteDraftFile = overwrite };

    private Task<CreatedInvite> Record(ResellerInviteRequest request) =>
        _service.RecordAsync(request, _service.Prepare(request), CancellationToken.None);

    [Fact]
    public async Task Records_a_pending_invite_at_the_clock_time()
    {
        _clock.Advance(TimeSpan.FromMinutes(3));
        var request = Request();
        request.CustomerTenantId = "4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        var draft = _service.Prepare(request);

        var created = await _service.RecordAsync(request, draft, CancellationToken.None);

        var invite = Assert.Single(_store.Invites);
        Assert.Equal(invite, created.Invite);
        Assert.Null(created.DraftFile);
        Assert.NotEqual(Guid.Empty, invite.Id);
        Assert.Equal(InviteKind.Reseller, invite.Kind);
        Assert.Equal(InviteStatus.Pending, invite.Status);
        Assert.Equal(Now.AddMinutes(3), invite.CreatedAt);
        Assert.Equal(Now.AddMinutes(3), invite.StatusChangedAt);
        Assert.Equal("Contoso", invite.CustomerName);
        Assert.Equal("admin@contoso.com", invite.CustomerEmail);
        Assert.Equal("4b2e2b3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", invite.CustomerTenantId);
        Assert.Equal(draft.Link, invite.Link);
        Assert.Equal(draft.Subject, invite.Subject);
        Assert.Equal(draft.Body, invite.Body);
        Assert.Equal(draft.MailtoUri, invite.MailtoUri);
    }

    [Fact]
    public async Task Returns_the_invite_as_the_store_returned_it()
    {
        var created = await Record(Request());

        Assert.Equal(1, created.Invite.Version);
    }

    [Fact]
    public async Task Each_invite_gets_a_new_id()
    {
        var first = await Record(Request());
        var again = Request();
        again.AllowDuplicate = true; // without it the pending invite to the same address is returned (InviteRecoveryTests)
        var second = await Record(again);

        Assert.NotEqual(first.Invite.Id, second.Invite.Id);
    }

    [Fact]
    public async Task Writes_the_eml_draft()
    {
        var path = _folder.File("contoso.eml");

        var created = await Record(Request(draftFile: path));

        Assert.Equal(path, created.DraftFile);
        Assert.Equal(new[] { "contoso.eml" }, _folder.AllFileNames());
        var (headerLines, body) = Split(File.ReadAllText(path));
        var headers = Headers(headerLines);
        Assert.Equal("admin@contoso.com", headers["To"]);
        Assert.Equal(created.Invite.Subject, DecodeEncodedWords(headers["Subject"]));
        Assert.Equal("Fri, 20 Nov 2026 10:00:00 +0000", headers["Date"]);
        Assert.Equal("1", headers["X-Unsent"]);
        Assert.Equal(created.Invite.Body.Replace("\n", "\r\n") + "\r\n", DecodeQuotedPrintable(body));
    }

    [Fact]
    public async Task A_folder_target_names_the_file_after_the_customer()
    {
        var first = await Record(Request("Northwind Traders", "it@northwind.example", _folder.Path));
        var second = await Record(Request("Tailspin: Toys / EU", "ops@tailspin.example", _folder.Path + Path.DirectorySeparatorChar));

        Assert.Equal(_folder.File("Northwind-Traders.eml"), first.DraftFile);
        Assert.Equal(_folder.File("Tailspin_-Toys-_-EU.eml"), second.DraftFile);
        Assert.Equal(new[] { "Northwind-Traders.eml", "Tailspin_-Toys-_-EU.eml" }, _folder.AllFileNames());
    }

    [Fact]
    public async Task Refuses_an_existing_file_without_overwrite_and_records_nothing()
    {
        var path = _folder.File("contoso.eml");
        File.WriteAllText(path, "keep");

        var e = await ThrowsAsync(() => Record(Request(draftFile: path)), "InviteFileExists");

        Assert.Equal(ErrorKind.ResourceExists, e.Category);
        Assert.Contains("-Force", e.Message);
        Assert.Equal("keep", File.ReadAllText(path));
        Assert.Empty(_store.Invites);
        Assert.Equal(new[] { "contoso.eml" }, _folder.AllFileNames());
    }

    [Fact]
    public async Task Same_customer_twice_into_one_folder_is_refused_the_second_time()
    {
        await Record(Request(draftFile: _folder.Path));
        var again = Request(draftFile: _folder.Path);
        again.AllowDuplicate = true; // asked for a second invite: its draft must not replace the first one's

        await ThrowsAsync(() => Record(again), "InviteFileExists");

        Assert.Single(_store.Invites);
    }

    [Fact]
    public async Task Overwrites_an_existing_file_when_allowed()
    {
        var path = _folder.File("contoso.eml");
        File.WriteAllText(path, "old");

        var created = await Record(Request(draftFile: path, overwrite: true));

        Assert.StartsWith("To: admin@contoso.com\r\n", File.ReadAllText(path));
        Assert.Equal(path, created.DraftFile);
        Assert.Equal(new[] { "contoso.eml" }, _folder.AllFileNames());
    }

    [Fact]
    public async Task Missing_parent_folder_is_reported_and_nothing_recorded()
    {
        var path = Path.Combine(_folder.Path, "missing", "contoso.eml");

        var e = await ThrowsAsync(() => Record(Request(draftFile: path)), "InviteFolderNotFound");

        Assert.Equal(ErrorKind.ObjectNotFound, e.Category);
        Assert.Empty(_store.Invites);
    }

    [Fact]
    public async Task A_missing_folder_named_with_a_trailing_separator_is_created_and_the_draft_goes_in_it()
    {
        var path = Path.Combine(_folder.Path, "drafts") + Path.DirectorySeparatorChar;

        var created = await Record(Request(draftFile: path));

        Assert.True(Directory.Exists(Path.Combine(_folder.Path, "drafts")));
        Assert.Equal(Path.Combine(_folder.Path, "drafts", "Contoso.eml"), created.DraftFile);
        Assert.Single(_store.Invites);
    }

    [Fact]
    public async Task A_folder_named_with_a_trailing_separator_whose_parent_is_missing_is_reported()
    {
        var path = Path.Combine(_folder.Path, "missing", "drafts") + Path.DirectorySeparatorChar;

        await ThrowsAsync(() => Record(Request(draftFile: path)), "InviteFolderNotFound");

        Assert.Empty(_store.Invites);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "missing")));
    }

    [Fact]
    public async Task The_file_appears_only_after_the_store_accepted_the_invite()
    {
        var path = _folder.File("contoso.eml");
        string[]? seenDuringAdd = null;
        _store.OnAdd = _ => seenDuringAdd = _folder.AllFileNames();

        await Record(Request(draftFile: path));

        Assert.NotNull(seenDuringAdd);
        Assert.DoesNotContain("contoso.eml", seenDuringAdd!);
        Assert.Single(seenDuringAdd!); // the staged temporary file
        Assert.Equal(new[] { "contoso.eml" }, _folder.AllFileNames());
    }

    [Fact]
    public async Task Store_failure_leaves_no_file_behind()
    {
        var path = _folder.File("contoso.eml");
        _store.FailOnAdd = new PartnerRelationshipsException("StoreBusy", ErrorKind.ResourceUnavailable, "busy");

        var e = await ThrowsAsync(() => Record(Request(draftFile: path)), "StoreBusy");

        Assert.Equal("busy", e.Message);
        Assert.Empty(_folder.AllFileNames());
        Assert.Empty(_store.Invites);
    }

    [Fact]
    public async Task Store_failure_keeps_an_existing_file_that_was_to_be_overwritten()
    {
        var path = _folder.File("contoso.eml");
        File.WriteAllText(path, "old");
        _store.FailOnAdd = new InvalidOperationException("disk full");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Record(Request(draftFile: path, overwrite: true)));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { "contoso.eml" }, _folder.AllFileNames());
    }

    [Fact]
    public async Task Cancellation_records_nothing_and_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var request = Request(draftFile: _folder.File("contoso.eml"));
        var draft = _service.Prepare(request);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _service.RecordAsync(request, draft, cancelled.Token));

        Assert.Empty(_store.Invites);
        Assert.Empty(_folder.AllFileNames());
    }

    [Fact]
    public async Task Nothing_is_written_when_prepare_fails()
    {
        var request = Request(email: "bad", draftFile: _folder.File("bad.eml"));

        await ThrowsAsync(() => Record(request), "InvalidCustomerEmail");

        Assert.Empty(_store.Invites);
        Assert.Empty(_folder.AllFileNames());
    }

    [Fact]
    public async Task A_folder_in_the_way_of_the_file_is_reported()
    {
        var blocker = Directory.CreateDirectory(_folder.File("drafts"));
        Directory.CreateDirectory(Path.Combine(blocker.FullName, "Contoso.eml"));

        await ThrowsAsync(() => Record(Request(draftFile: blocker.FullName)), "InviteFileExists");

        Assert.Empty(_store.Invites);
    }
}
