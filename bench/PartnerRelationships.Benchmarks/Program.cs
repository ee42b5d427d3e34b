using System.Text.Json;
using PartnerRelationships.Benchmarks;

// Each subcommand prints one JSON object per measurement on stdout; bench/Invoke-Benchmarks.ps1 collects them.
var command = args.Length > 0 ? args[0] : "";
var options = BenchOptions.Parse(args.Skip(1));
var results = command switch
{
    "store" => await StoreBenchmark.RunAsync(options),
    "store-writer" => await StoreBenchmark.RunWriterAsync(options),
    _ => throw new ArgumentException($"Unknown benchmark '{command}'. Use: store, store-writer."),
};
foreach (var result in results)
{
    Console.WriteLine(JsonSerializer.Serialize(result));
}
