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

    private void Sample()
    {
        var any = GC.GetGCMemoryInfo(GCKind.Any);
        _maxAfterCollection = Math.Max(_maxAfterCollection, any.HeapSizeBytes - any.FragmentedBytes);
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        _maxAfterFullCollection = Math.Max(_maxAfterFullCollection, full.HeapSizeBytes - full.FragmentedBytes);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        _maxAfterFullCollection = Math.Max(_maxAfterFullCollection, background.HeapSizeBytes - background.FragmentedBytes);
        _maxBetweenCollections = Math.Max(_maxBetweenCollections, GC.GetTotalMemory(forceFullCollection: false));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        Sample();
        _stop.Dispose();
    }
}
