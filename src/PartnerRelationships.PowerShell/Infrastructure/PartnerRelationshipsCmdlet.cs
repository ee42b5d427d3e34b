using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// Shared plumbing of every cmdlet: Ctrl+C becomes a cancellation token, Core's async work is bridged once, Core's
/// diagnostics reach the verbose/debug streams from the pipeline thread, and Core's errors become error records.
/// </summary>
public abstract class PartnerRelationshipsCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<StreamMessage> _messages = new();

    // Wakes the pipeline thread's wait (a message queued or the awaited work ended). It blocks without spinning first:
    // BlockingCollection's wait spun on every wake, taking CPU from the threads reading the pages (seen in a profile).
    private readonly ManualResetEventSlim _signal = new(false, 0);

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken Cancellation => _stopping.Token;

    /// <summary>Thread-safe sink for Core: messages are queued and written on the pipeline thread.</summary>
    internal void QueueVerbose(string message) => Queue(new StreamMessage(StreamKind.Verbose, message));

    internal void QueueDebug(string message) => Queue(new StreamMessage(StreamKind.Debug, message));

    /// <summary>For what the user must see while Core waits (e.g. the device-code sign-in message).</summary>
    internal void QueueWarning(string message) => Queue(new StreamMessage(StreamKind.Warning, message));

    private void Queue(StreamMessage message)
    {
        _messages.Enqueue(message);
        Wake();
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// An <see cref="IProgress{T}"/> Core can report to from any thread: each report becomes a progress record
    /// written from the pipeline thread while <see cref="Await{T}"/> or <see cref="Stream{T}"/> waits.
    /// Call <see cref="CompleteProgress"/> when the work is done.
    /// </summary>
    protected IProgress<T> ProgressFor<T>(int activityId, string activity, Func<T, (string Status, int? Percent)> describe) =>
        new QueuedProgress<T>(this, activityId, activity, describe);

    /// <summary>Closes the bar opened by <see cref="ProgressFor{T}"/>.</summary>
    protected void CompleteProgress(int activityId, string activity)
    {
        DrainMessages();
        WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>
    /// Runs Core's async work to completion while writing its queued diagnostics from this (the pipeline) thread.
    /// </summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work) => WaitFor(Task.Run(() => work(Cancellation)));

    /// <summary>
    /// Blocks the pipeline thread until <paramref name="task"/> ends, writing queued diagnostics meanwhile. The task's
    /// end wakes the wait at once (no poll interval after the answer arrived); the timeout only bounds a missed wake.
    /// </summary>
    private T WaitFor<T>(Task<T> task)
    {
        if (!task.IsCompleted)
        {
            task.ContinueWith(static (_, owner) => ((PartnerRelationshipsCmdlet)owner!).Wake(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                // Reset before draining and test the task after: a wake that comes meanwhile is never lost.
                _signal.Wait(50);
                _signal.Reset();
                DrainMessages();
            }
        }

        DrainMessages();
        return task.GetAwaiter().GetResult();
    }

    protected void Await(Func<CancellationToken, Task> work) =>
        Await<bool>(async token =>
        {
            await work(token).ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// Streams an async sequence on the pipeline thread: each item is written as soon as it arrives, so the first
    /// results show before the last page is fetched and memory stays flat.
    /// </summary>
    protected IEnumerable<T> Stream<T>(Func<CancellationToken, IAsyncEnumerable<T>> source)
    {
        var enumerator = source(Cancellation).GetAsyncEnumerator(Cancellation);
        try
        {
            while (true)
            {
                // An item of a page already read completes at once; otherwise the pipeline thread waits on the
                // step itself (no thread-pool hop per page: the source's own continuations run where they complete).
                var next = enumerator.MoveNextAsync();
                var hasItem = next.IsCompleted ? next.GetAwaiter().GetResult() : WaitFor(next.AsTask());
                if (!hasItem)
                {
                    yield break;
                }

                if (!_messages.IsEmpty)
                {
                    DrainMessages();
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private void Wake()
    {
        try
        {
            _signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // The cmdlet is already done.
        }
    }

    /// <summary>Writes queued diagnostics; call from the pipeline thread only.</summary>
    protected void DrainMessages()
    {
        while (_messages.TryDequeue(out var message))
        {
            WriteMessage(message);
        }
    }

    /// <summary>
    /// Runs one unit of work; a Core error becomes a non-terminating error record (the pipeline goes on with the next
    /// item), a stop request ends the pipeline quietly. Returns false when the work failed.
    /// </summary>
    protected bool Try(Action action)
    {
        try
        {
            action();
            DrainMessages();
            return true;
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception exception) when (ErrorRecords.IsReportable(exception))
        {
            DrainMessages();
            WriteError(ErrorRecords.From(exception));
            return false;
        }
    }

    /// <summary>As <see cref="Try"/>, but the error ends the command (for failures no later item can recover from).</summary>
    protected void TryOrTerminate(Action action)
    {
        try
        {
            action();
            DrainMessages();
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception exception) when (ErrorRecords.IsReportable(exception))
        {
            DrainMessages();
            ThrowTerminatingError(ErrorRecords.From(exception));
        }
    }

    private void WriteMessage(StreamMessage message)
    {
        switch (message.Kind)
        {
            case StreamKind.Debug:
                WriteDebug(message.Text);
                break;
            case StreamKind.Warning:
                WriteWarning(message.Text);
                break;
            case StreamKind.Progress:
                WriteProgress(message.Progress);
                break;
            default:
                WriteVerbose(message.Text);
                break;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
            _signal.Dispose();
        }
    }

    private enum StreamKind
    {
        Verbose,
        Debug,
        Warning,
        Progress,
    }

    private readonly struct StreamMessage
    {
        public StreamMessage(StreamKind kind, string text, ProgressRecord? progress = null)
        {
            Kind = kind;
            Text = text;
            Progress = progress;
        }

        public StreamKind Kind { get; }
        public string Text { get; }
        public ProgressRecord? Progress { get; }
    }

    private sealed class QueuedProgress<T> : IProgress<T>
    {
        private readonly PartnerRelationshipsCmdlet _owner;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly Func<T, (string Status, int? Percent)> _describe;

        public QueuedProgress(PartnerRelationshipsCmdlet owner, int activityId, string activity, Func<T, (string Status, int? Percent)> describe)
        {
            _owner = owner;
            _activityId = activityId;
            _activity = activity;
            _describe = describe;
        }

        public void Report(T value)
        {
            var (status, percent) = _describe(value);
            var record = new ProgressRecord(_activityId, _activity, string.IsNullOrEmpty(status) ? "Working" : status)
            {
                PercentComplete = percent is { } p ? Math.Max(0, Math.Min(100, p)) : -1,
            };
            _owner.Queue(new StreamMessage(StreamKind.Progress, "", record));
        }
    }
}
