namespace PartnerRelationships.Benchmarks;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and lose the timing).</summary>
internal sealed class InlineProgress<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public InlineProgress(Action<T> report) => _report = report;

    public void Report(T value) => _report(value);
}
