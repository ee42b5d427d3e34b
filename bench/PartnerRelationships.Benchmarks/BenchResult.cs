namespace PartnerRelationships.Benchmarks;

/// <summary>One measured figure: what, how many items, how long, and (for the product side) the baseline it is held against.</summary>
internal sealed record BenchResult(string Benchmark, string Subject, int Items, double Seconds, double? PeakWorkingSetMb = null)
{
    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;
}
