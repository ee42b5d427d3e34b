namespace PartnerRelationships.Benchmarks;

/// <summary>One measured figure: what, how many items, how long, and (for the product side) the baseline it is held against.</summary>
internal sealed record BenchResult(string Benchmark, string Subject, int Items, double Seconds, double? PeakWorkingSetMb = null)
{
    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;

    /// <summary>Bytes allocated by the whole run (GC.GetTotalAllocatedBytes), in MB.</summary>
    public double? AllocatedMb { get; init; }

    /// <summary>Managed heap still live after a full collection at the end of the run, in MB.</summary>
    public double? RetainedMb { get; init; }

    /// <summary>Throttled runs: attempts sent, the ones answered 429, the ones that failed, the floor and the ratio to it.</summary>
    public int? Requests { get; init; }

    public int? Throttled { get; init; }

    public int? FailedCalls { get; init; }

    public double? FloorSeconds { get; init; }

    /// <summary>Throttled runs: 1 when the work itself failed (an exception came out of the service), else 0.</summary>
    public int? FailedRuns { get; init; }

    /// <summary>Throttled runs: the rate the sandbox allowed (0 = none).</summary>
    public int? Rps { get; init; }

    public string? Note { get; init; }

    /// <summary>Nightly check: when requests were accepted over the run (<see cref="RequestTimeline"/>).</summary>
    public string? Timeline { get; init; }
}
