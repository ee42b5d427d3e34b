using System.Runtime.CompilerServices;
using PartnerRelationships.Core.Collections;

namespace PartnerRelationships.Core.Tests.Collections;

public class ReadAheadTests
{
    [Fact]
    public async Task Every_item_comes_through_once_in_the_source_s_order()
    {
        var items = await ReadAhead.Of(Numbers(1_000), capacity: 7, CancellationToken.None).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 1_000), items);
    }

    [Fact]
    public async Task The_source_runs_ahead_of_the_consumer_but_never_more_than_the_capacity()
    {
        var produced = 0;
        var source = Numbers(100, onYield: () => Interlocked.Increment(ref produced));
        await using var reader = ReadAhead.Of(source, capacity: 5, CancellationToken.None).GetAsyncEnumerator();

        Assert.True(await reader.MoveNextAsync());
        // Give the producer every chance to run further than it may, without sleeping.
        for (var i = 0; i < 200 && Volatile.Read(ref produced) < 7; i++)
        {
            await Task.Yield();
        }

        Assert.Equal(0, reader.Current);
        // One handed out, five waiting, and the producer blocked holding the seventh.
        Assert.InRange(Volatile.Read(ref produced), 1, 7);
        for (var expected = 1; expected < 100; expected++)
        {
            Assert.True(await reader.MoveNextAsync());
            Assert.Equal(expected, reader.Current);
            Assert.True(Volatile.Read(ref produced) <= expected + 1 + 5 + 1);
        }

        Assert.False(await reader.MoveNextAsync());
    }

    [Fact]
    public async Task A_failing_source_fails_the_consumer_with_its_error_after_the_items_before_it()
    {
        var seen = new List<int>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in ReadAhead.Of(Numbers(10, failAt: 4), capacity: 3, CancellationToken.None))
            {
                seen.Add(item);
            }
        });

        Assert.Equal("source failed at 4", error.Message);
        Assert.Equal(new[] { 0, 1, 2, 3 }, seen);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_stops_the_source()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await foreach (var item in ReadAhead.Of(Endless(stopped), capacity: 2, CancellationToken.None))
        {
            if (item == 3)
            {
                break;
            }
        }

        // The enumerator's disposal waits for the source to finish, so it has stopped by now.
        Assert.True(stopped.Task.IsCompleted);
    }

    private static async IAsyncEnumerable<int> Numbers(int count, int failAt = -1, Action? onYield = null)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            if (i == failAt)
            {
                throw new InvalidOperationException($"source failed at {i}");
            }

            onYield?.Invoke();
            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> Endless(TaskCompletionSource stopped, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var i = 0; ; i++)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return i;
            }
        }
        finally
        {
            stopped.TrySetResult();
        }
    }
}
