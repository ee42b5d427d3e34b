namespace PartnerRelationships.Benchmarks;

/// <summary>
/// Samples the managed heap while a run goes on: the largest heap any collection left behind (what was live, or not
/// yet collectable, at that collection) and the largest heap between collections (live plus garbage). Set against
/// the peak working set, they say whether the peak is data the run holds or garbage the GC has not yet taken back.
/// </summary>
internal sealed class HeapSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxAfterCollection;
    private long _maxBetweenCollections;
    private long _maxAfterFullCollection;
    private long _maxLargeObjectHeap;
    private long _maxWorkingSet;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private double _maxHeapAt;
    private double _maxWorkingSetAt;

    public HeapSampler()
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public double MaxAfterCollectionMb => _maxAfterCollection / 1024.0 / 1024.0;

    public double MaxAfterFullCollectionMb => _maxAfterFullCollection / 1024.0 / 1024.0;

    public double MaxBetweenCollectionsMb => _maxBetweenCollections / 1024.0 / 1024.0;

    /// <summary>The large-object heap before a collection, at most (response buffers and big arrays live there).</summary>
    public double MaxLargeObjectHeapMb => _maxLargeObjectHeap / 1024.0 / 1024.0;

    /// <summary>Seconds from the start to the largest heap between collections, and to the largest working set.</summary>
    public string PeaksAt => $"heap peak at {_maxHeapAt:N0} s, working set peak ({_maxWorkingSet / 1024.0 / 1024.0:N0} MB) at {_maxWorkingSetAt:N0} s";

    private void Sample()
    {
        var any = GC.GetGCMemoryInfo(GCKind.Any);
        _maxAfterCollection = Math.Max(_maxAfterCollection, any.HeapSizeBytes - any.FragmentedBytes);
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        _maxAfterFullCollection = Math.Max(_maxAfterFullCollection, full.HeapSizeBytes - full.FragmentedBytes);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        _maxAfterFullCollection = Math.Max(_maxAfterFullCollection, background.HeapSizeBytes - background.FragmentedBytes);
        if (any.GenerationInfo.Length > 3)
        {
            _maxLargeObjectHeap = Math.Max(_maxLargeObjectHeap, any.GenerationInfo[3].SizeBeforeBytes);
        }

        var heap = GC.GetTotalMemory(forceFullCollection: false);
        if (heap > _maxBetweenCollections)
        {
            _maxBetweenCollections = heap;
            _maxHeapAt = _clock.Elapsed.TotalSeconds;
        }

        var workingSet = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
        if (workingSet > _maxWorkingSet)
        {
            _maxWorkingSet = workingSet;
            _maxWorkingSetAt = _clock.Elapsed.TotalSeconds;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        Sample();
        _stop.Dispose();
    }
}
