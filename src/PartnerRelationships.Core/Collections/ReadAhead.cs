using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Collections;

/// <summary>
/// Enumerates a paged source on its own task, up to a bounded number of items ahead of the consumer: the next page
/// is on its way while the consumer is busy with (or waiting to act on) this one, and memory stays bounded.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "At least one item must be allowed ahead.");
        }

        var items = new ConcurrentQueue<T>();
        using var available = new SemaphoreSlim(0);
        using var space = new SemaphoreSlim(capacity, capacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    await space.WaitAsync(stop.Token).ConfigureAwait(false);
                    items.Enqueue(item);
                    available.Release();
                }
            }
            finally
            {
                // One release more than there are items: a release that finds the queue empty means the source ended.
                available.Release();
            }
        });

        try
        {
            while (true)
            {
                await available.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!items.TryDequeue(out var item))
                {
                    // The source ended (or failed: its exception comes out here).
                    await producer.ConfigureAwait(false);
                    yield break;
                }

                space.Release();
                yield return item;
            }
        }
        finally
        {
            // The consumer stopped early or failed: stop the source and let it finish before the semaphores go away.
            stop.Cancel();
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch
            {
                // Its failure (or the cancellation just caused) is not news to a consumer that is already leaving.
            }
        }
    }
}
