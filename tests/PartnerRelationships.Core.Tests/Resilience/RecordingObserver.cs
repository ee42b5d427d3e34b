using System.Collections.Concurrent;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Resilience;

public sealed class RecordingObserver : IRemoteCallObserver
{
    public ConcurrentQueue<RemoteAttempt> Attempts { get; } = new();
    public ConcurrentQueue<RemoteBodyTrace> Bodies { get; } = new();
    public bool TraceBodies { get; set; } = true;

    public void OnAttempt(RemoteAttempt attempt) => Attempts.Enqueue(attempt);

    public void OnBody(RemoteBodyTrace body) => Bodies.Enqueue(body);

    /// <summary>Everything the observer saw, as the cmdlet layer would print it.</summary>
    public string AllText() => string.Join("\n",
        Attempts.Select(a => a.ToString()).Concat(Bodies.Select(b =>
            $"{b.Direction} {b.Method} {b.Path} #{b.Attempt}\n{string.Join("\n", b.Headers.Select(h => h.Key + ": " + h.Value))}\n{b.Body}")));
}
