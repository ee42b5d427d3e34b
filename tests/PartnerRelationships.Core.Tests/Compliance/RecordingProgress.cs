using PartnerRelationships.Core.Compliance.Snapshot;

namespace PartnerRelationships.Core.Tests.Compliance;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<ComplianceProgress>
{
    private readonly object _gate = new();
    private readonly List<ComplianceProgress> _reports = new();

    public IReadOnlyList<ComplianceProgress> Reports
    {
        get { lock (_gate) { return _reports.ToList(); } }
    }

    public void Report(ComplianceProgress value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }
    }
}
