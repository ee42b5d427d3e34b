namespace PartnerRelationships.Core.Tests.Invites;

/// <summary>A fresh temporary folder, removed again when the test ends.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pr-invites-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file in the folder, hidden temporary ones included.</summary>
    public string[] AllFileNames() =>
        Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
