using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Workflow;

/// <summary>Runs work over items with at most N in flight, keeping results in item order.</summary>
internal static class BoundedConcurrency
{
    public static async Task<TResult[]> SelectAsync<TItem, TResult>(IReadOnlyList<TItem> items, int maxConcurrency, Func<TItem, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        var next = -1;

        // A fixed set of workers pulling the next index: a slow item never holds back a whole chunk.
        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < items.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[index] = await work(items[index]).ConfigureAwait(false);
            }
        }

        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(maxConcurrency, items.Count))).Select(_ => WorkerAsync());
        await Task.WhenAll(workers).ConfigureAwait(false);
        return results;
    }
}
