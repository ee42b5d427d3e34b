using PartnerRelationships.Core.Errors;
using YamlDotNet.Core;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Builds the loader's errors in one shape: "&lt;file&gt;:&lt;line&gt;:&lt;column&gt;: &lt;key path&gt; &lt;problem&gt;. &lt;what is allowed&gt;",
/// so editors and people can jump straight to the spot. The target is the key path.
/// </summary>
internal static class ConfigErrors
{
    public static PartnerRelationshipsException At(
        string errorId, ErrorKind kind, string sourceName, Mark mark, string keyPath, string problem, string allowed) =>
        new(errorId, kind, $"{Location(sourceName, mark)}: {Sentence(keyPath, problem)} {EndWithPeriod(allowed)}".TrimEnd(), keyPath);

    public static PartnerRelationshipsException InvalidValue(string sourceName, Mark mark, string keyPath, string problem, string allowed) =>
        At(ErrorIds.Config.InvalidValue, ErrorKind.InvalidData, sourceName, mark, keyPath, problem, allowed);

    public static PartnerRelationshipsException MissingValue(string sourceName, Mark mark, string keyPath, string problem, string allowed) =>
        At(ErrorIds.Config.MissingValue, ErrorKind.InvalidData, sourceName, mark, keyPath, problem, allowed);

    public static string Location(string sourceName, Mark mark) => $"{sourceName}:{mark.Line}:{mark.Column}";

    private static string Sentence(string keyPath, string problem) =>
        EndWithPeriod(keyPath.Length == 0 ? problem : $"{keyPath} {problem}");

    private static string EndWithPeriod(string text) =>
        text.Length == 0 || text.EndsWith(".") || text.EndsWith("?") ? text : text + ".";
}
