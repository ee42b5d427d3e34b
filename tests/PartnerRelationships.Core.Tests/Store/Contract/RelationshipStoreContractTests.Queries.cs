using PartnerRelationships.Core.Invites;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.Core.Tests.Store.Contract;

/// <summary>Listing invites: filters, order, paging.</summary>
public abstract partial class RelationshipStoreContractTests
{
    private async Task<List<string>> NamesAsync(InviteQuery query) =>
        (await Store.QueryInvitesAsync(query).ToListAsync()).Select(i => i.CustomerName).ToList();

    private async Task AddNamedAsync(params string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            await Store.AddInviteAsync(TestInvites.New(names[i], TestInvites.Start.AddMinutes(i)));
        }
    }

    [SkippableFact]
    public async Task Query_no_filter_returns_everything_oldest_first_then_by_id()
    {
        var sameTime = TestInvites.Start.AddHours(1);
        var laterIdFirst = await Store.AddInviteAsync(TestInvites.New("B", sameTime, id: Guid.Parse("ffffffff-0000-0000-0000-000000000000")));
        var earlierIdSecond = await Store.AddInviteAsync(TestInvites.New("A", sameTime, id: Guid.Parse("00000000-0000-0000-0000-00000000000f")));
        var oldest = await Store.AddInviteAsync(TestInvites.New("C", TestInvites.Start));

        var all = await Store.QueryInvitesAsync(new InviteQuery()).ToListAsync();

        Assert.Equal(new[] { oldest.Id, earlierIdSecond.Id, laterIdFirst.Id }, all.Select(i => i.Id));
    }

    [SkippableFact]
    public async Task Query_filter_by_id()
    {
        await AddNamedAsync("One", "Two");
        var wanted = await Store.AddInviteAsync(TestInvites.New("Three"));

        var found = await Store.QueryInvitesAsync(new InviteQuery { Id = wanted.Id }).ToListAsync();

        Assert.Equal(wanted, Assert.Single(found));
        Assert.Empty(await Store.QueryInvitesAsync(new InviteQuery { Id = Guid.NewGuid() }).ToListAsync());
    }

    [SkippableFact]
    public async Task Query_filter_by_statuses()
    {
        var accepted = await Store.AddInviteAsync(TestInvites.New("Accepted", TestInvites.Start));
        var expired = await Store.AddInviteAsync(TestInvites.New("Expired", TestInvites.Start.AddMinutes(1)));
        await Store.AddInviteAsync(TestInvites.New("Pending", TestInvites.Start.AddMinutes(2)));
        await Store.TryChangeStatusAsync(new StatusChange(accepted.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1)));
        await Store.TryChangeStatusAsync(new StatusChange(expired.Id, InviteStatus.Pending, InviteStatus.Expired, TestInvites.Start.AddDays(1)));

        Assert.Equal(new[] { "Accepted", "Expired" }, await NamesAsync(new InviteQuery { Statuses = new[] { InviteStatus.Expired, InviteStatus.Accepted } }));
        Assert.Equal(new[] { "Pending" }, await NamesAsync(new InviteQuery { Statuses = new[] { InviteStatus.Pending } }));
        Assert.Empty(await NamesAsync(new InviteQuery { Statuses = Array.Empty<InviteStatus>() }));
    }

    [SkippableFact]
    public async Task Query_filter_by_kind()
    {
        await Store.AddInviteAsync(TestInvites.New("Reseller", kind: InviteKind.Reseller));
        await Store.AddInviteAsync(TestInvites.New("Granular", kind: InviteKind.GranularAdmin));

        Assert.Equal(new[] { "Granular" }, await NamesAsync(new InviteQuery { Kind = InviteKind.GranularAdmin }));
        Assert.Equal(new[] { "Reseller" }, await NamesAsync(new InviteQuery { Kind = InviteKind.Reseller }));
    }

    [SkippableTheory]
    [InlineData("contoso*", new[] { "Contoso Ltd", "CONTOSO GmbH" })]
    [InlineData("*ltd", new[] { "Contoso Ltd", "Fabrikam Ltd" })]
    [InlineData("Fabrikam?Ltd", new[] { "Fabrikam Ltd" })]
    [InlineData("contoso ltd", new[] { "Contoso Ltd" })]
    [InlineData("*", new[] { "Contoso Ltd", "CONTOSO GmbH", "Fabrikam Ltd", "Ärzte Übersee", "100% Cloud", "a_b", "Zeta [EU]", "Back\\slash", "axb" })]
    [InlineData("ärzte*", new[] { "Ärzte Übersee" })]
    [InlineData("*ÜBERSEE", new[] { "Ärzte Übersee" })]
    [InlineData("100%*", new[] { "100% Cloud" })]
    [InlineData("1%", new string[0])]
    [InlineData("a_b", new[] { "a_b" })]
    [InlineData("a_*", new[] { "a_b" })]
    [InlineData("a?b", new[] { "a_b", "axb" })]
    [InlineData("zeta [eu]", new[] { "Zeta [EU]" })]
    [InlineData("*[*", new[] { "Zeta [EU]" })]
    [InlineData("back\\*", new[] { "Back\\slash" })]
    [InlineData("nobody*", new string[0])]
    public async Task Query_filter_by_customer_name_wildcard(string pattern, string[] expected)
    {
        await AddNamedAsync("Contoso Ltd", "CONTOSO GmbH", "Fabrikam Ltd", "Ärzte Übersee", "100% Cloud", "a_b", "Zeta [EU]", "Back\\slash", "axb");

        Assert.Equal(expected, await NamesAsync(new InviteQuery { CustomerNamePattern = pattern }));
    }

    [SkippableFact]
    public async Task Query_a_backtick_makes_a_wildcard_character_literal()
    {
        await AddNamedAsync("Star*Corp", "StarXCorp", "Q?", "QQ");

        Assert.Equal(new[] { "Star*Corp" }, await NamesAsync(new InviteQuery { CustomerNamePattern = "star`*corp" }));
        Assert.Equal(new[] { "Q?" }, await NamesAsync(new InviteQuery { CustomerNamePattern = "q`?" }));
    }

    [SkippableFact]
    public async Task Query_filter_by_created_before_is_strict()
    {
        await AddNamedAsync("At0", "At1", "At2");

        Assert.Equal(new[] { "At0" }, await NamesAsync(new InviteQuery { CreatedBefore = TestInvites.Start.AddMinutes(1) }));
        Assert.Equal(new[] { "At0", "At1" }, await NamesAsync(new InviteQuery { CreatedBefore = TestInvites.Start.AddMinutes(1).AddTicks(1) }));
    }

    [SkippableFact]
    public async Task Query_created_before_compares_instants_whatever_the_offset()
    {
        await AddNamedAsync("At0", "At1");

        // 09:31 UTC written as 11:31+02:00.
        var sameInstant = TestInvites.Start.AddMinutes(1).ToOffset(TimeSpan.FromHours(2));

        Assert.Equal(new[] { "At0" }, await NamesAsync(new InviteQuery { CreatedBefore = sameInstant }));
    }

    [SkippableFact]
    public async Task Query_filter_by_status_changed_before()
    {
        var early = await Store.AddInviteAsync(TestInvites.New("ChangedEarly", TestInvites.Start));
        var late = await Store.AddInviteAsync(TestInvites.New("ChangedLate", TestInvites.Start.AddMinutes(1)));
        await Store.AddInviteAsync(TestInvites.New("Unchanged", TestInvites.Start.AddMinutes(2)));
        await Store.TryChangeStatusAsync(new StatusChange(early.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(1)));
        await Store.TryChangeStatusAsync(new StatusChange(late.Id, InviteStatus.Pending, InviteStatus.Accepted, TestInvites.Start.AddDays(3)));

        Assert.Equal(new[] { "Unchanged" }, await NamesAsync(new InviteQuery { StatusChangedBefore = TestInvites.Start.AddDays(1) }));
        Assert.Equal(new[] { "ChangedEarly", "Unchanged" }, await NamesAsync(new InviteQuery { StatusChangedBefore = TestInvites.Start.AddDays(2) }));
    }

    [SkippableFact]
    public async Task Query_filters_combine()
    {
        await Store.AddInviteAsync(TestInvites.New("Contoso A", TestInvites.Start, InviteKind.Reseller));
        await Store.AddInviteAsync(TestInvites.New("Contoso B", TestInvites.Start.AddMinutes(1), InviteKind.GranularAdmin));
        await Store.AddInviteAsync(TestInvites.New("Fabrikam", TestInvites.Start.AddMinutes(2), InviteKind.GranularAdmin));
        await Store.AddInviteAsync(TestInvites.New("Contoso C", TestInvites.Start.AddMinutes(3), InviteKind.GranularAdmin));

        var names = await NamesAsync(new InviteQuery
        {
            Kind = InviteKind.GranularAdmin,
            CustomerNamePattern = "contoso*",
            Statuses = new[] { InviteStatus.Pending },
            CreatedBefore = TestInvites.Start.AddMinutes(3),
        });

        Assert.Equal(new[] { "Contoso B" }, names);
    }

    [SkippableFact]
    public async Task Query_results_larger_than_a_page_stream_in_order_without_gaps_or_repeats()
    {
        // Pages hold 200 rows; 450 rows, many sharing a creation time, cross two page boundaries.
        var added = new List<ResellerInvite>();
        for (var i = 0; i < 450; i++)
        {
            added.Add(await Store.AddInviteAsync(TestInvites.New($"Customer {i}", TestInvites.Start.AddSeconds(i / 7))));
        }

        var all = await Store.QueryInvitesAsync(new InviteQuery()).ToListAsync();

        var expected = added.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id.ToString("D"), StringComparer.Ordinal).Select(i => i.Id);
        Assert.Equal(expected, all.Select(i => i.Id));
    }

    [SkippableFact]
    public async Task Query_the_store_can_be_written_while_a_query_is_being_enumerated()
    {
        for (var i = 0; i < 250; i++)
        {
            await Store.AddInviteAsync(TestInvites.New($"Customer {i}", TestInvites.Start.AddSeconds(i)));
        }

        var changed = 0;
        await foreach (var invite in Store.QueryInvitesAsync(new InviteQuery { Statuses = new[] { InviteStatus.Pending } }))
        {
            var result = await Store.TryChangeStatusAsync(new StatusChange(invite.Id, InviteStatus.Pending, InviteStatus.Expired, TestInvites.Start.AddDays(1)));
            Assert.NotNull(result);
            changed++;
        }

        Assert.Equal(250, changed);
        Assert.Empty(await NamesAsync(new InviteQuery { Statuses = new[] { InviteStatus.Pending } }));
    }

    [SkippableFact]
    public async Task Query_a_cancelled_query_stops()
    {
        await AddNamedAsync("One", "Two", "Three");
        using var cancellation = new CancellationTokenSource();

        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Store.QueryInvitesAsync(new InviteQuery(), cancellation.Token))
            {
                seen++;
                cancellation.Cancel();
            }
        });

        Assert.Equal(1, seen);
    }
}
