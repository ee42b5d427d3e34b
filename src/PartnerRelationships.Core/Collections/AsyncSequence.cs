using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Collections;

/// <summary>Reading a whole remote or stored sequence where the caller needs all of it at once.</summary>
internal static class AsyncSequence
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }
}
