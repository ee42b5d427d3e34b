namespace PartnerRelationships.TestKit;

/// <summary>A fresh folder under the temp path, removed (with everything in it) when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pr-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file in the folder (hidden temporary ones included), by name in ordinal order.</summary>
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
            // A native library loaded from here stays mapped until the process ends (Windows refuses the delete).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
