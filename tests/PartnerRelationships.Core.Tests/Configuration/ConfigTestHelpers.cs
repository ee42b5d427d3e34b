using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Configuration;

/// <summary>Parses YAML written as lines (so line numbers in assertions are easy to read) with a fake environment.</summary>
internal static class ConfigTestHelpers
{
    public const string Source = "test.yaml";
    public const string TenantId = "6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";

    public static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "pr-config-base");

    public static string Yaml(params string[] lines) => string.Join("\n", lines) + "\n";

    public static PartnerRelationshipsConfig Parse(string yaml, IDictionary<string, string>? environment = null) =>
        ConfigLoader.Parse(yaml, Source, BaseDirectory, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);

    public static PartnerRelationshipsConfig Parse(params string[] lines) => Parse(Yaml(lines));

    /// <summary>Asserts the id, the kind and that the message starts with test.yaml:line:column.</summary>
    public static PartnerRelationshipsException Fails(string errorId, int line, int column, params string[] lines)
    {
        var error = Assert.Throws<PartnerRelationshipsException>(() => Parse(Yaml(lines)));
        Assert.Equal(errorId, error.ErrorId);
        Assert.StartsWith($"{Source}:{line}:{column}: ", error.Message);
        return error;
    }
}
