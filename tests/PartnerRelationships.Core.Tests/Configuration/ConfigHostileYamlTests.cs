using System.Diagnostics;
using System.Text;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using static PartnerRelationships.Core.Tests.Configuration.ConfigTestHelpers;

namespace PartnerRelationships.Core.Tests.Configuration;

/// <summary>
/// YAML that used to hang or kill the host: each now fails at once with an error id, the key and the line. (Before,
/// the alias cycle overflowed the stack — which no test can catch, so these would have crashed the test host — and the
/// alias bomb kept a core busy for minutes.)
/// </summary>
public class ConfigHostileYamlTests
{
    [Fact]
    public void An_alias_cycle_is_refused_with_its_key_and_line()
    {
        var error = Fails(ErrorIds.Config.AliasCycle, 3, 20, "cloud: Global", "invites:", "  roles: &r [ 'a', *r ]");

        Assert.Equal(ErrorKind.InvalidData, error.Category);
        Assert.Equal("invites.roles[1]", error.Target);
        Assert.Contains("invites.roles[1] refers to '*r' inside the very value anchored as '&r'", error.Message);
    }

    [Fact]
    public void The_issues_own_cycle_is_refused()
    {
        var error = Fails(ErrorIds.Config.AliasCycle, 1, 13, "roles: &r [ *r ]");
        Assert.Equal("roles[0]", error.Target);
    }

    [Fact]
    public void A_cycle_through_a_mapping_is_refused()
    {
        Fails(ErrorIds.Config.AliasCycle, 3, 9, "partner: &p", "  name: Contoso", "  self: *p");
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_fails_fast_with_its_key_and_line()
    {
        var yaml = BillionLaughs();
        Assert.True(Encoding.UTF8.GetByteCount(yaml) < 800); // smaller than the 770-byte bomb of the report

        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<PartnerRelationshipsException>(() => Parse(yaml));
        watch.Stop();

        Assert.Equal(ErrorIds.Config.AliasExpansion, error.ErrorId);
        Assert.Matches(@"^test\.yaml:[5-9]:\d+: [a-i]\[\d\] with '\*[a-h]' expands to more than 100,000 values", error.Message);
        // Not a timing test: the guard reads the text once; before, this call ran for minutes (9^9 values).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Small_aliases_still_work()
    {
        var config = Parse("invites:", "  roles: &roles [ 'Helpdesk Administrator', 'Directory Readers' ]", "  subject: &s Hello", "  displayNamePrefix: *s");

        Assert.Equal(new[] { "Helpdesk Administrator", "Directory Readers" }, config.Invites.Roles);
        Assert.Equal("Hello", config.Invites.DisplayNamePrefix);
    }

    [Fact]
    public void Nesting_deeper_than_any_configuration_needs_is_refused_before_a_recursive_walk()
    {
        var yaml = "invites:\n  roles: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var error = Assert.Throws<PartnerRelationshipsException>(() => Parse(yaml));

        Assert.Equal(ErrorIds.Config.InvalidValue, error.ErrorId);
        Assert.Contains("nested more than 64 levels deep", error.Message);
        Assert.StartsWith("test.yaml:2:", error.Message);
    }

    [Theory]
    [InlineData("''")]
    [InlineData("\"\"")]
    [InlineData("'   '")]
    public void An_empty_store_path_is_refused_instead_of_meaning_the_default_store(string empty)
    {
        var error = Fails(ErrorIds.Config.InvalidValue, 2, 9, "store:", $"  path: {empty}");

        Assert.Equal("store.path", error.Target);
        Assert.Contains("store.path is empty", error.Message);
    }

    [Fact]
    public void A_store_path_left_out_still_means_the_default_store()
    {
        Assert.Null(Parse("store:", "  path:").Store.Path);
        Assert.Null(Parse("store:", "  path: ~").Store.Path);
    }

    /// <summary>The classic bomb: nine levels of nine aliases each (9^9 ≈ 387 million values) in well under 1 KB.</summary>
    private static string BillionLaughs()
    {
        var lines = new List<string> { "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            lines.Add($"{c}: &{c} [" + string.Join(",", Enumerable.Repeat($"*{previous}", 9)) + "]");
        }

        return Yaml(lines.ToArray());
    }
}
