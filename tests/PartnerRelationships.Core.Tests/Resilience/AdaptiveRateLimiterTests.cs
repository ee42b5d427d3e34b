using Microsoft.Extensions.Time.Testing;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>
/// The limiter against a simulated service (a token bucket of one second's worth, 429 + whole-second Retry-After, as
/// the sandbox and many services do) and eight workers, as a discrete-event simulation on a fake clock: no threads,
/// no real time, the same result every run.
/// </summary>
public class AdaptiveRateLimiterTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    public void Eight_workers_learn_the_allowed_rate_and_use_nearly_all_of_it(double allowed)
    {
        var sim = new Simulation(allowed, workers: 8);

        sim.RunUntil(TimeSpan.FromSeconds(120));

        // Nearly the whole allowance is used (the bucket's first second is a bonus) ...
        var used = sim.Accepted / (allowed * 120);
        Assert.InRange(used, 0.88, 1.02);
        // ... and the service is hardly ever made to say no: a few 429s while learning and probing, not one per request.
        Assert.True(sim.Throttled < 0.05 * sim.Accepted, $"{sim.Throttled} 429s for {sim.Accepted} accepted requests");
        Assert.NotNull(sim.Limiter.CurrentRate); // it learned a rate (at any instant it may be probing above the limit)
    }

    [Fact]
    public void Without_the_limiter_the_same_workers_mostly_collect_429s()
    {
        // The contrast that makes the test above mean something: the simulation really throttles.
        var sim = new Simulation(20, workers: 8, useLimiter: false);

        sim.RunUntil(TimeSpan.FromSeconds(60));

        Assert.True(sim.Throttled > sim.Accepted / 5, $"{sim.Throttled} 429s for {sim.Accepted} accepted requests");
    }

    [Fact]
    public void When_the_service_allows_more_the_rate_recovers()
    {
        var sim = new Simulation(10, workers: 8);
        sim.RunUntil(TimeSpan.FromSeconds(30));
        Assert.InRange(sim.Limiter.CurrentRate!.Value, 8, 12);

        sim.Allowed = 40;
        sim.RunUntil(TimeSpan.FromSeconds(90));
        var acceptedBefore = sim.Accepted;
        sim.RunUntil(TimeSpan.FromSeconds(120));

        Assert.True((sim.Accepted - acceptedBefore) / 30.0 > 0.8 * 40, $"only {(sim.Accepted - acceptedBefore) / 30.0:0.0}/s in the last 30 s");
    }

    [Fact]
    public void When_the_service_allows_less_the_rate_follows_it_down()
    {
        var sim = new Simulation(40, workers: 8);
        sim.RunUntil(TimeSpan.FromSeconds(30));
        sim.Allowed = 5;
        var throttledBefore = sim.Throttled;

        sim.RunUntil(TimeSpan.FromSeconds(90));

        Assert.InRange(sim.Limiter.CurrentRate!.Value, 3.5, 5.5);
        Assert.True(sim.Throttled - throttledBefore < 40, $"{sim.Throttled - throttledBefore} 429s after the drop");
    }

    [Fact]
    public void Until_the_first_429_nobody_waits()
    {
        var clock = new FakeTimeProvider();
        var limiter = new AdaptiveRateLimiter(clock);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.Reserve(out _));
            limiter.OnResponse(clock.GetUtcNow(), throttled: false, null);
        }

        Assert.Null(limiter.CurrentRate);
    }

    [Fact]
    public void A_long_retry_after_pauses_every_caller_and_a_one_second_one_only_slows_them()
    {
        var clock = new FakeTimeProvider();
        var limiter = new AdaptiveRateLimiter(clock);
        for (var i = 0; i < 20; i++)
        {
            limiter.OnResponse(clock.GetUtcNow(), false, null);
        }

        limiter.OnResponse(clock.GetUtcNow(), true, TimeSpan.FromSeconds(1));
        Assert.Equal(18, limiter.CurrentRate!.Value, 3); // 90% of the 20 accepted in the last second
        Assert.True(limiter.PendingWait < TimeSpan.FromSeconds(0.1));

        clock.Advance(TimeSpan.FromSeconds(2));
        limiter.OnResponse(clock.GetUtcNow(), true, TimeSpan.FromSeconds(30));
        Assert.InRange(limiter.PendingWait, TimeSpan.FromSeconds(29.9), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_429_for_a_request_sent_before_the_last_decrease_does_not_lower_the_rate_again()
    {
        var clock = new FakeTimeProvider();
        var limiter = new AdaptiveRateLimiter(clock);
        for (var i = 0; i < 10; i++)
        {
            limiter.OnResponse(clock.GetUtcNow(), false, null);
        }

        var sentEarlier = clock.GetUtcNow();
        limiter.OnResponse(sentEarlier, true, TimeSpan.FromSeconds(1));
        var rate = limiter.CurrentRate;
        clock.Advance(TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 7; i++)
        {
            limiter.OnResponse(sentEarlier, true, TimeSpan.FromSeconds(1)); // the rest of the same burst
        }

        Assert.Equal(rate, limiter.CurrentRate);
        Assert.Equal(1, limiter.Decreases);
    }

    [Fact]
    public void Limiters_are_shared_per_service_host_and_tenant()
    {
        var limiters = new AdaptiveRateLimiters(new FakeTimeProvider());
        var graph = limiters.For(new Uri("https://graph.microsoft.com/v1.0/"), "tenant-a");

        Assert.Same(graph, limiters.For(new Uri("https://graph.microsoft.com/beta/"), "TENANT-A"));
        Assert.NotSame(graph, limiters.For(new Uri("https://api.partnercenter.microsoft.com/"), "tenant-a"));
        Assert.NotSame(graph, limiters.For(new Uri("https://graph.microsoft.com/v1.0/"), "tenant-b"));
    }

    /// <summary>
    /// Workers that each send a request as soon as the limiter gives them a turn; the service answers after 50 ms, with
    /// 429 and Retry-After (whole seconds, at least 1) when its bucket is empty, and the worker then waits that long.
    /// </summary>
    private sealed class Simulation
    {
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);
        private readonly FakeTimeProvider _clock = new();
        private readonly PriorityQueue<Action, DateTimeOffset> _events = new();
        private readonly bool _useLimiter;
        private readonly DateTimeOffset _start;
        private double _tokens;
        private DateTimeOffset _refilled;
        private long _sequence;

        public Simulation(double allowed, int workers, bool useLimiter = true)
        {
            Allowed = allowed;
            _useLimiter = useLimiter;
            Limiter = new AdaptiveRateLimiter(_clock);
            _start = _clock.GetUtcNow();
            _tokens = allowed;
            _refilled = _start;
            for (var w = 0; w < workers; w++)
            {
                At(_start, Send);
            }
        }

        public AdaptiveRateLimiter Limiter { get; }
        public double Allowed { get; set; }
        public int Accepted { get; private set; }
        public int Throttled { get; private set; }

        public void RunUntil(TimeSpan elapsed)
        {
            var end = _start + elapsed;
            while (_events.TryPeek(out _, out var at) && at <= end)
            {
                var action = _events.Dequeue();
                if (at > _clock.GetUtcNow())
                {
                    _clock.SetUtcNow(at);
                }

                action();
            }

            _clock.SetUtcNow(end);
        }

        private void At(DateTimeOffset when, Action action)
        {
            // Ties keep their order of scheduling (a tiny offset per event), so a run is repeatable.
            _events.Enqueue(action, when.AddTicks(Interlocked.Increment(ref _sequence) % 10));
        }

        private void Send()
        {
            var wait = _useLimiter ? Limiter.Reserve(out _) : TimeSpan.Zero;
            At(_clock.GetUtcNow() + wait, () =>
            {
                var sentAt = _clock.GetUtcNow();
                var accepted = TryTake(out var retryAfter);
                At(sentAt + Latency, () =>
                {
                    if (accepted)
                    {
                        Accepted++;
                        if (_useLimiter) Limiter.OnResponse(sentAt, false, null);
                        Send();
                    }
                    else
                    {
                        Throttled++;
                        if (_useLimiter) Limiter.OnResponse(sentAt, true, retryAfter);
                        At(_clock.GetUtcNow() + retryAfter, Send);
                    }
                });
            });
        }

        private bool TryTake(out TimeSpan retryAfter)
        {
            var now = _clock.GetUtcNow();
            _tokens = Math.Min(Math.Max(1, Allowed), _tokens + (now - _refilled).TotalSeconds * Allowed);
            _refilled = now;
            if (_tokens >= 1)
            {
                _tokens--;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((1 - _tokens) / Allowed)));
            return false;
        }
    }
}
