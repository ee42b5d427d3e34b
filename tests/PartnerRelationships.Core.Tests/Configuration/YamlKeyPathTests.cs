using PartnerRelationships.Core.Configuration;

namespace PartnerRelationships.Core.Tests.Configuration;

public class YamlKeyPathTests
{
    private const string Text = "partner:\n  tenantId: x\n# comment\nretry:\n  maxAttempts: 3\n\n  baseDelay: 1s\n";

    [Theory]
    [InlineData(1, 1, "partner")]
    [InlineData(2, 3, "partner.tenantId")]
    [InlineData(5, 3, "retry.maxAttempts")]
    [InlineData(7, 3, "retry.baseDelay")]
    [InlineData(3, 1, null)]
    [InlineData(2, 5, null)]
    [InlineData(99, 1, null)]
    public void Finds_the_dotted_path_of_a_block_key(int line, int column, string? expected)
    {
        Assert.Equal(expected, YamlKeyPath.At(Text, line, column));
    }
}
