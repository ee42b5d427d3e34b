using System.Text.Json;
using PartnerRelationships.Benchmarks;

// Each benchmark subcommand prints one JSON object per measurement on stdout; bench/Invoke-Benchmarks.ps1 collects them.
// `sync` is a worker for the reliability suite (killed mid-run, or run four at once), not a measurement.
var command = args.Length > 0 ? args[0] : "";
var options = BenchOptions.Parse(args.Skip(1));
if (command == "sync")
{
    return await SyncCommand.RunAsync(options);
}

var results = command switch
{
    "store" => await StoreBenchmark.RunAsync(options),
    "store-writer" => await StoreBenchmark.RunWriterAsync(options),
    "listing" => await ListingBenchmark.RunAsync(options),
    "listing-memory" => await ListingBenchmark.RunMemoryAsync(options),
    "throttled" => await ThrottledBenchmark.RunAsync(options),
    "nightly" => await NightlyBenchmark.RunAsync(options),
    _ => throw new ArgumentException($"Unknown benchmark '{command}'. Use: store, store-writer, listing, listing-memory, throttled, nightly, sync."),
};
foreach (var result in results)
{
    Console.WriteLine(JsonSerializer.Serialize(result));
}

return 0;
