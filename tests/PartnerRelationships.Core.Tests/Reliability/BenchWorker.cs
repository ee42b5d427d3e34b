using System.Diagnostics;

namespace PartnerRelationships.Core.Tests.Reliability;

/// <summary>
/// A child process running the bench console exe (bench/PartnerRelationships.Benchmarks, built alongside the tests):
/// a real second process on the store, which the suite can kill at any point or run several of at once.
/// </summary>
internal sealed class BenchWorker : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = new();
    private readonly Task<string> _stderr;

    private BenchWorker(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static string DllPath { get; } = FindDll();

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines => _lines;

    public static BenchWorker Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new BenchWorker(Process.Start(start)!);
    }

    /// <summary>The next line of output, or null at its end.</summary>
    public async Task<string?> ReadLineAsync()
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is not null)
        {
            _lines.Add(line);
        }

        return line;
    }

    public async Task ReadUntilAsync(string expected)
    {
        while (await ReadLineAsync() is { } line)
        {
            if (line == expected)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The worker ended before printing '{expected}'. {await _stderr}");
    }

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Reads to the end and waits for the exit; returns stderr.</summary>
    public async Task<string> CompleteAsync()
    {
        while (await ReadLineAsync() is not null)
        {
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return await _stderr;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string FindDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnerRelationships.sln")))
            {
                var dll = Path.Combine(folder.FullName, "bench", "PartnerRelationships.Benchmarks", "bin", configuration, "net10.0", "PartnerRelationships.Benchmarks.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build bench/PartnerRelationships.Benchmarks ({configuration}) first; the reliability suite runs it as a child process.", dll);
            }
        }

        throw new DirectoryNotFoundException("The repository root (PartnerRelationships.sln) was not found above " + AppContext.BaseDirectory);
    }
}
