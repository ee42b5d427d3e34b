using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// Client-side pacing shared by every call to one service for one tenant, learning the rate the service allows from
/// its 429s: a 429 on a request sent at the current rate lowers the rate to 90% of the lower of that rate and what
/// the service accepted over the last second; while callers are kept waiting and no 429 comes, the rate creeps back up
/// (2% a second, faster after ten quiet seconds) until the service pushes back again. A Retry-After longer than one
/// second pauses every caller (the service asked for a real pause, and requests sent while throttled still count
/// against the limit); the throttled request itself always waits its Retry-After before it is retried. Bounded concurrency above it then never outruns the service: workers queue here instead of collecting 429s.
/// Until the first 429 there is no pacing at all.
/// </summary>
public sealed class AdaptiveRateLimiter
{
    /// <summary>Never slower than this (one request every two seconds): a service that stays down fails by timeout, not by starvation.</summary>
    public const double MinimumRate = 0.5;

    /// <summary>Above this the limiter stops pacing (it has recovered completely).</summary>
    public const double UnlimitedAbove = 10_000;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongRetryAfter = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _accepted = new();
    private double? _rate;
    private DateTimeOffset _nextSlot;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _lastDecrease = DateTimeOffset.MinValue;
    private DateTimeOffset _lastIncrease;
    private bool _waitedSinceIncrease;

    public AdaptiveRateLimiter(TimeProvider timeProvider)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The rate being paced at (requests per second), or null while unlimited.</summary>
    public double? CurrentRate
    {
        get
        {
            lock (_gate)
            {
                return _rate;
            }
        }
    }

    /// <summary>How many times a 429 lowered the rate (for telemetry and tests).</summary>
    public int Decreases { get; private set; }

    /// <summary>How long the next caller would wait now (zero when it may go at once).</summary>
    public TimeSpan PendingWait
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var at = Max(now, Max(_pausedUntil, _rate is null ? now : _nextSlot));
                return at - now;
            }
        }
    }

    /// <summary>Waits for this caller's turn; returns the time it was sent at (pass it back to <see cref="OnResponse"/>).</summary>
    public async ValueTask<DateTimeOffset> WaitTurnAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve(out var slot);
        if (wait > TimeSpan.Zero)
        {
            await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        return slot;
    }

    /// <summary>Takes the next slot and says how long until it comes.</summary>
    internal TimeSpan Reserve(out DateTimeOffset slot)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            slot = Max(now, _pausedUntil);
            if (_rate is { } rate)
            {
                slot = Max(slot, _nextSlot);
                _nextSlot = slot + TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / rate));
            }

            var wait = slot - now;
            if (wait > TimeSpan.Zero)
            {
                _waitedSinceIncrease = true;
            }

            return wait;
        }
    }

    /// <summary>Learns from one answer: <paramref name="throttled"/> for a 429, with the Retry-After the service sent.</summary>
    public void OnResponse(DateTimeOffset sentAt, bool throttled, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!throttled)
            {
                _accepted.Enqueue(now);
                Trim(now);
                MaybeIncrease(now);
                return;
            }

            Trim(now);
            // A 429 for a request sent before the last decrease settled (one window after it) answers the old rate:
            // it is an echo, not news.
            if (_lastDecrease == DateTimeOffset.MinValue || sentAt >= _lastDecrease + Window)
            {
                // What the service accepted over the last second is the best estimate of its limit, unless everyone
                // was paused during that second (then it says nothing) ...
                double? measured = now - Window >= _pausedUntil ? _accepted.Count / Window.TotalSeconds : null;
                // ... and a 429 at the rate being paced means that rate is too high either way.
                var estimate = (_rate, measured) switch
                {
                    ({ } rate, { } seen) => Math.Min(rate, seen),
                    ({ } rate, null) => rate,
                    (null, { } seen) => seen,
                    _ => MinimumRate,
                };
                var lowered = estimate * 0.9;
                _rate = Math.Max(MinimumRate, lowered);
                _lastDecrease = now;
                _lastIncrease = now;
                _waitedSinceIncrease = false;
                _nextSlot = Max(_nextSlot, now);
                Decreases++;
            }

            // "Retry-After: 1" (the smallest whole-second answer) means "slow down", which the lower rate does; a longer
            // one means "stop for a while", and everyone waits it out.
            if (retryAfter is { } pause && pause > LongRetryAfter)
            {
                _pausedUntil = Max(_pausedUntil, now + pause);
            }
        }
    }

    private void MaybeIncrease(DateTimeOffset now)
    {
        if (_rate is not { } rate || now - _lastIncrease < TimeSpan.FromSeconds(1))
        {
            return;
        }

        // Only a limiter that held someone back learns anything by going faster.
        if (_waitedSinceIncrease)
        {
            var quiet = now - _lastDecrease;
            var step = quiet > TimeSpan.FromSeconds(10) ? 1.10 : 1.02;
            rate *= step;
            _rate = rate > UnlimitedAbove ? null : rate;
        }

        _lastIncrease = now;
        _waitedSinceIncrease = false;
    }

    private void Trim(DateTimeOffset now)
    {
        while (_accepted.Count > 0 && now - _accepted.Peek() > Window)
        {
            _accepted.Dequeue();
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
