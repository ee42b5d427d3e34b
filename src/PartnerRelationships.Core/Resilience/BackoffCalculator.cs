using System;

namespace PartnerRelationships.Core.Resilience;

/// <summary>Jittered exponential backoff between BaseDelay and MaxDelay ("equal jitter": half fixed, half random).</summary>
public sealed class BackoffCalculator
{
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly Func<double> _random;

    public BackoffCalculator(TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
    {
        _baseDelay = baseDelay;
        _maxDelay = maxDelay < baseDelay ? baseDelay : maxDelay;
        _random = random ?? SharedRandom;
    }

    /// <summary>Delay after the failed attempt number <paramref name="retryIndex"/> (0 for the first failure).</summary>
    public TimeSpan DelayFor(int retryIndex)
    {
        var exponent = Math.Min(Math.Max(retryIndex, 0), 30);
        var ceilingTicks = Math.Min(_maxDelay.Ticks, _baseDelay.Ticks * Math.Pow(2, exponent));
        var jittered = ceilingTicks * (0.5 + 0.5 * Clamp01(_random()));
        var floor = Math.Min(_baseDelay.Ticks, ceilingTicks);
        return TimeSpan.FromTicks((long)Math.Max(jittered, floor));
    }

    private static double Clamp01(double value) => value < 0 ? 0 : value > 1 ? 1 : value;

    private static double SharedRandom()
    {
        lock (Rng)
        {
            return Rng.NextDouble();
        }
    }

    private static readonly Random Rng = new();
}
