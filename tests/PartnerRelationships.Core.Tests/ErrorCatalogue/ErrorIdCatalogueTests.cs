using System.Text.RegularExpressions;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.ErrorCatalogue;

/// <summary>
/// Error ids are public contract (scripts match FullyQualifiedErrorId): every id lives in <see cref="ErrorIds"/>, is
/// documented for users in about_PartnerRelationships_Errors, and is raised through the catalogue's constant.
/// </summary>
public class ErrorIdCatalogueTests
{
    private const string HelpTopic = "module/en-US/about_PartnerRelationships_Errors.help.txt";

    /// <summary>The projects whose errors reach users; the sandbox's wire-level error codes are not module error ids.</summary>
    private static readonly string[] ModuleSources =
    {
        "src/PartnerRelationships.Core",
        "src/PartnerRelationships.PowerShell",
        "src/PartnerRelationships.Store.Postgres",
        "src/PartnerRelationships.Loader",
    };

    private const string CatalogueFile = "src/PartnerRelationships.Core/Errors/ErrorIds.cs";

    [Fact]
    public void Catalogue_ids_are_unique_identifiers()
    {
        Assert.True(ErrorIdCatalogue.All.Count > 100, $"Only {ErrorIdCatalogue.All.Count} ids were found by reflection: the catalogue's shape changed.");
        var repeated = ErrorIdCatalogue.All.GroupBy(id => id.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(id => id.Name))}");
        Assert.Empty(repeated);
        Assert.All(ErrorIdCatalogue.All, id => Assert.Matches("^[A-Z][A-Za-z0-9]+$", id.Value));
    }

    [Fact]
    public void Ids_users_already_match_on_keep_their_values()
    {
        Assert.Equal("ConfigUnknownKey", ErrorIds.Config.UnknownKey);
        Assert.Equal("InvalidCustomerEmail", ErrorIds.Invite.InvalidCustomerEmail);
        Assert.Equal("RemoteNotFound", ErrorIds.Remote.RemoteNotFound);
        Assert.Equal("StoreDamaged", ErrorIds.Store.StoreDamaged);
        Assert.Equal("ComplianceCheckFailed", ErrorIds.Compliance.ComplianceCheckFailed);
    }

    [Fact]
    public void Every_catalogued_id_is_documented_with_its_category()
    {
        var documented = DocumentedIds();

        var undocumented = ErrorIdCatalogue.All.Where(id => !documented.ContainsKey(id.Value)).Select(id => $"{id.Value} ({id.Name})");
        Assert.True(!undocumented.Any(), $"Document these ids in {HelpTopic} (id, 'Category:', what to do): {string.Join(", ", undocumented)}");

        var stale = documented.Keys.Where(id => !ErrorIdCatalogue.Values.Contains(id));
        Assert.True(!stale.Any(), $"{HelpTopic} documents ids the module no longer raises: {string.Join(", ", stale)}");

        var badCategories = documented.Where(d => d.Value.Any(c => !Enum.TryParse<ErrorKind>(c, out _) && c != "NotSpecified")).Select(d => d.Key);
        Assert.True(!badCategories.Any(), $"Categories that are not error categories: {string.Join(", ", badCategories)}");
    }

    [Fact]
    public void Every_catalogued_id_is_raised_somewhere()
    {
        var sources = string.Concat(ReadSources().Where(s => s.Key != CatalogueFile).Select(s => s.Value));
        var unused = ErrorIdCatalogue.All.Where(id => !Regex.IsMatch(sources, Regex.Escape(id.Name) + @"\b")).Select(id => id.Name);
        Assert.True(!unused.Any(), $"Catalogued but never raised (remove them, or raise them): {string.Join(", ", unused)}");
    }

    [Fact]
    public void No_error_id_is_written_as_a_literal_outside_the_catalogue()
    {
        var sources = ReadSources().Where(s => s.Key != CatalogueFile).ToDictionary(s => s.Key, s => s.Value);
        Assert.True(sources.Count > 100, "The module's sources were not found.");

        var findings = ErrorIdSourceScan.Scan(sources, ErrorIdCatalogue.Values);

        Assert.True(findings.Count == 0, "Add the id to src/PartnerRelationships.Core/Errors/ErrorIds.cs (and document it) and name the constant:\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("throw new PartnerRelationshipsException(\"BrandNewId\", ErrorKind.InvalidArgument, \"m\");", "BrandNewId")]
    [InlineData("=> new(\"BrandNewId\", ErrorKind.InvalidArgument, message, target);", "BrandNewId")]
    [InlineData("throw new PartnerRelationshipsException(\n    \"BrandNewId\",\n    kind,\n    \"m\");", "BrandNewId")]
    [InlineData("WriteError(ErrorRecords.Create(\"BrandNewId\", category, \"m\", null));", "BrandNewId")]
    [InlineData("return new ErrorRecord(exception, \"BrandNewId\", ErrorCategory.NotSpecified, null);", "BrandNewId")]
    [InlineData("throw Missing(\"BrandNewId\", \"No value.\", \"Key\");", "BrandNewId")]
    [InlineData("throw ConfigErrors.At(\"BrandNewId\", kind, source, mark);", "BrandNewId")]
    [InlineData("catch (PartnerRelationshipsException ex) when (ex.ErrorId == \"RemoteNotFound\") { }", "RemoteNotFound")]
    public void The_scan_finds_a_literal_id(string line, string literal)
    {
        var sources = new Dictionary<string, string>
        {
            ["Raise.cs"] = "class Raise {\n static PartnerRelationshipsException Missing(string errorId, string message, string key) => null;\n void M() { " + line + " } }",
            ["Helpers.cs"] = "static class ConfigErrors { public static PartnerRelationshipsException At(\n string errorId, ErrorKind kind, string source, Mark mark) => null; }\n" +
                             "class PartnerRelationshipsException { public PartnerRelationshipsException(string errorId, ErrorKind category, string message) { } }\n" +
                             "static class ErrorRecords { public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object target) => null; }",
        };

        var findings = ErrorIdSourceScan.Scan(sources, new HashSet<string> { "RemoteNotFound" });

        Assert.Contains(findings, f => f.File == "Raise.cs" && f.Literal.Contains(literal, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteNotFound, ErrorKind.ObjectNotFound, \"RemoteNotFound here is prose.\");")]
    [InlineData("// The service answers \"RemoteNotFound\" when it is gone.")]
    [InlineData("var header = new Header(\"TenantId\", value);")]
    public void The_scan_leaves_constants_prose_and_other_literals_alone(string line)
    {
        var sources = new Dictionary<string, string> { ["Raise.cs"] = "class Raise { void M() { " + line + "\n } }" };

        Assert.Empty(ErrorIdSourceScan.Scan(sources, new HashSet<string> { "RemoteNotFound" }));
    }

    /// <summary>Id → its categories, from entries of the form "    Id" followed by "        Category: A, B".</summary>
    private static Dictionary<string, string[]> DocumentedIds()
    {
        var text = File.ReadAllText(Path.Combine(ErrorIdCatalogue.RepositoryRoot(), HelpTopic));
        var entries = Regex.Matches(text, @"^    (?<id>[A-Z][A-Za-z0-9]+)\r?\n {8}Category: (?<categories>[^\r\n]+(?:\r?\n {12}[^\r\n]+)*)", RegexOptions.Multiline);
        var documented = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (Match entry in entries)
        {
            var id = entry.Groups["id"].Value;
            Assert.False(documented.ContainsKey(id), $"{HelpTopic} documents {id} twice.");
            documented[id] = entry.Groups["categories"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return documented;
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadSources()
    {
        var root = ErrorIdCatalogue.RepositoryRoot();
        foreach (var project in ModuleSources)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, project), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                yield return new(relative, File.ReadAllText(file));
            }
        }
    }
}
