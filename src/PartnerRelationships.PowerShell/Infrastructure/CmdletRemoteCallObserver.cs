using System.Linq;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// Turns remote-call telemetry (already redacted by Core) into -Verbose lines (one per attempt, with the wait before
/// a retry) and, with -Debug, into -Debug lines with headers and bodies. Called from any thread: it only queues,
/// and the cmdlet writes from the pipeline thread. Once closed (the cmdlet ended) it drops everything.
/// </summary>
internal sealed class CmdletRemoteCallObserver : IRemoteCallObserver
{
    private readonly PartnerRelationshipsCmdlet _cmdlet;
    private volatile bool _closed;

    public CmdletRemoteCallObserver(PartnerRelationshipsCmdlet cmdlet, bool traceBodies)
    {
        _cmdlet = cmdlet;
        TraceBodies = traceBodies;
    }

    public bool TraceBodies { get; }

    public void OnAttempt(RemoteAttempt attempt)
    {
        if (_closed)
        {
            return;
        }

        try
        {
            _cmdlet.QueueVerbose(attempt.ToString());
        }
        catch
        {
            // The cmdlet may be finishing on another thread; telemetry must never break a call.
        }
    }

    public void OnBody(RemoteBodyTrace body)
    {
        if (_closed || !TraceBodies)
        {
            return;
        }

        try
        {
            var arrow = body.Direction == RemoteBodyDirection.Request ? ">>" : "<<";
            var headers = string.Join("\n", body.Headers.Select(h => $"  {h.Key}: {h.Value}"));
            var text = $"{arrow} {body.Direction} {body.Method} {body.Path} (attempt {body.Attempt})";
            if (headers.Length > 0) text += "\n" + headers;
            if (!string.IsNullOrEmpty(body.Body)) text += "\n" + body.Body;
            _cmdlet.QueueDebug(text);
        }
        catch
        {
            // As above.
        }
    }

    public void Close() => _closed = true;
}
