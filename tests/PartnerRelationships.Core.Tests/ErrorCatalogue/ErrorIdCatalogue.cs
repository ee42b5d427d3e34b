using System.Reflection;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.ErrorCatalogue;

/// <summary>The ids in <see cref="ErrorIds"/>, read by reflection: (constant's C# name, value).</summary>
internal static class ErrorIdCatalogue
{
    public static IReadOnlyList<(string Name, string Value)> All { get; } = typeof(ErrorIds)
        .GetNestedTypes(BindingFlags.Public)
        .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => ($"{nameof(ErrorIds)}.{area.Name}.{f.Name}", (string)f.GetRawConstantValue()!)))
        .ToList();

    public static IReadOnlySet<string> Values { get; } = All.Select(id => id.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The folder holding PartnerRelationships.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnerRelationships.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (PartnerRelationships.sln) was not found above " + AppContext.BaseDirectory);
    }
}
