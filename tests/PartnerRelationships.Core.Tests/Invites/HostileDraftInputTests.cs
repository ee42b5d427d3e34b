using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.FileSystem;
using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Workflow;
using static PartnerRelationships.Core.Tests.Invites.InviteTestData;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Invites;

/// <summary>Draft targets and customer names that used to get through: devices, long non-Latin names, invisible names.</summary>
public class HostileDraftInputTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly InMemoryRelationshipStore _store = new();
    private readonly InviteService _service;

    public HostileDraftInputTests()
    {
        _service = new InviteService(Config(), _store, new FakeTimeProvider(Now));
    }

    public void Dispose() => _folder.Dispose();

    private Task<CreatedInvite> Record(ResellerInviteRequest request) =>
        _service.RecordAsync(request, _service.Prepare(request), CancellationToken.None);

    [SkippableFact]
    public async Task A_device_as_OutFile_is_refused_even_with_Force_and_nothing_is_recorded()
    {
        Skip.If(RuntimeInformation.IsOSPlatform(OSPlatform.Windows), "/dev/null is a Unix device (NUL is covered by the name check below)");
        var request = new ResellerInviteRequest { CustomerName = "Contoso", CustomerEmail = "admin@contoso.com", DraftFile = "/dev/null", OverwriteDraftFile = true };

        var error = await Assert.ThrowsAsync<Errors.PartnerRelationshipsException>(() => Record(request));

        Assert.Equal(ErrorIds.Invite.InviteFileNotRegular, error.ErrorId);
        Assert.Equal(Errors.ErrorKind.InvalidArgument, error.Category);
        Assert.Empty(_store.Invites);
        Assert.True(FileKind.IsSpecial("/dev/null")); // still the device, not a draft
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [SkippableTheory]
    [InlineData("/dev/null", true)]
    [InlineData("/dev/zero", true)]
    [InlineData("/etc/hostname", false)]
    [InlineData("/tmp", false)]
    [InlineData("/no/such/file", false)]
    public void Unix_special_files_are_told_from_regular_files_and_folders(string path, bool special)
    {
        Skip.If(RuntimeInformation.IsOSPlatform(OSPlatform.Windows), "Unix paths");
        Skip.If(!File.Exists(path) && !Directory.Exists(path) && special, $"{path} is not on this system");
        Assert.Equal(special, FileKind.IsSpecial(path));
    }

    [Fact]
    public async Task A_90_character_Japanese_company_name_gives_a_draft_file()
    {
        var name = string.Concat(Enumerable.Repeat("株式会社東京デジタルソリューションズ", 5)).Substring(0, 90);

        var created = await Record(new ResellerInviteRequest { CustomerName = name, CustomerEmail = "admin@example.jp", DraftFile = _folder.Path });

        var file = Path.GetFileName(created.DraftFile!);
        Assert.True(File.Exists(created.DraftFile));
        Assert.True(Encoding.UTF8.GetByteCount(file) <= DraftFileNames.MaxStemBytes + 4, file);
        Assert.StartsWith(name.Substring(0, 60), file, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        // 199 ASCII bytes, then an emoji (4 bytes): the emoji does not fit and must go whole.
        var name = new string('a', 199) + "😀" + "tail";

        var file = DraftFileNames.ForCustomer(name);

        Assert.Equal(new string('a', 199) + ".eml", file);
        Assert.DoesNotContain(file, char.IsSurrogate);
        Assert.Equal(name.Substring(0, 197) + "😀", DraftFileNames.CutToBytes(name.Substring(2), 201));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u200B \u3164 ")]
    [InlineData("\u0301\u0301")]
    public void A_name_of_only_invisible_characters_is_refused(string name)
    {
        var error = Throws(() => _service.Prepare(new ResellerInviteRequest { CustomerName = name, CustomerEmail = "admin@contoso.com" }), ErrorIds.Invite.InvalidCustomerName);
        Assert.Contains("no visible character", error.Message);
    }

    [Theory]
    [InlineData("Contoso\u200B")]
    [InlineData("株式会社")]
    [InlineData("😀 Emoji Ltd")]
    public void Names_with_something_visible_are_kept(string name)
    {
        Assert.Equal(name, _service.Prepare(new ResellerInviteRequest { CustomerName = name, CustomerEmail = "admin@contoso.com" }).CustomerName);
    }
}
