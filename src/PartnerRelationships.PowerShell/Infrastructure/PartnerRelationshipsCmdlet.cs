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
    private readonly BlockingCollection<StreamMessage> _messages = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken Cancellation => _stopping.Token;

    /// <summary>Thread-safe sink for Core: messages are queued and written on the pipeline thread.</summary>
    internal void QueueVerbose(string message) => _messages.Add(new StreamMessage(StreamKind.Verbose, message));

    internal void QueueDebug(string message) => _messages.Add(new StreamMessage(StreamKind.Debug, message));

    /// <summary>For what the user must see while Core waits (e.g. the device-code sign-in message).</summary>
    internal void QueueWarning(string message) => _messages.Add(new StreamMessage(StreamKind.Warning, message));

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
    protected T Await<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = Task.Run(() => work(Cancellation));

        // Wake the wait below as soon as the work ends; otherwise each wait (e.g. one per page in Stream) could idle
        // up to the poll interval after the answer arrived.
        task.ContinueWith(static (_, owner) => ((PartnerRelationshipsCmdlet)owner!).Wake(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            if (_messages.TryTake(out var message, 50))
            {
                WriteMessage(message);
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
                var next = enumerator.MoveNextAsync();
                var hasItem = next.IsCompleted ? next.GetAwaiter().GetResult() : Await(_ => next.AsTask());
                if (!hasItem)
                {
                    yield break;
                }

                DrainMessages();
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
            _messages.Add(new StreamMessage(StreamKind.Wake, ""));
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // The cmdlet is already done.
        }
    }

    /// <summary>Writes queued diagnostics; call from the pipeline thread only.</summary>
    protected void DrainMessages()
    {
        while (_messages.TryTake(out var message))
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
            case StreamKind.Wake:
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
            _messages.Dispose();
        }
    }

    private enum StreamKind
    {
        Verbose,
        Debug,
        Warning,
        Progress,

        /// <summary>Not written: only ends a wait in <see cref="Await{T}"/>.</summary>
        Wake,
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
            _owner._messages.Add(new StreamMessage(StreamKind.Progress, "", record));
        }
    }
}
