namespace PartnerRelationships.Core.Tests.Store;

/// <summary>A fresh folder under the temp path, removed (with everything in it) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pr-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

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
