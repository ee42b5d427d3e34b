namespace PartnerRelationships.Sandbox.Faults;

/// <summary>
/// Decides the faults for each API call. Each kind of decision has its own <see cref="Random"/> seeded from the
/// settings, so the sequence of outcomes for a given seed and request order is repeatable, and turning one fault on
/// doesn't shift the others' streams. Changing the settings restarts the streams and the throttle.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private FaultSettings _settings = FaultSettings.None;
    private Random _serverErrors = new(1);
    private Random _serverErrorKinds = new(2);
    private Random _drops = new(3);
    private Random _lostCreates = new(4);
    private TokenBucket? _throttle;

    internal FaultInjector(TimeProvider clock, FaultSettings settings)
    {
        _clock = clock;
        Settings = settings;
    }

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _settings = value;
                _serverErrors = new Random(value.Seed);
                _serverErrorKinds = new Random(unchecked(value.Seed + 1));
                _drops = new Random(unchecked(value.Seed + 2));
                _lostCreates = new Random(unchecked(value.Seed + 3));
                _throttle = value.ThrottleRequestsPerSecond > 0 ? new TokenBucket(_clock, value.ThrottleRequestsPerSecond) : null;
            }
        }
    }

    internal FaultDecision Decide(bool isCreate, string path = "")
    {
        lock (_gate)
        {
            var s = _settings;
            var latency = TimeSpan.FromMilliseconds(s.LatencyMilliseconds);
            if (!string.IsNullOrEmpty(s.FailPathContaining) && path.Contains(s.FailPathContaining, StringComparison.OrdinalIgnoreCase))
            {
                return new FaultDecision(latency, null, 503, false, false);
            }

            if (_throttle is not null && !_throttle.TryTake(out var retryAfter))
            {
                return new FaultDecision(latency, retryAfter, null, false, false);
            }

            if (s.ServerErrorProbability > 0 && _serverErrors.NextDouble() < s.ServerErrorProbability)
            {
                return new FaultDecision(latency, null, _serverErrorKinds.Next(2) == 0 ? 500 : 503, false, false);
            }

            if (s.DropProbability > 0 && _drops.NextDouble() < s.DropProbability)
            {
                return new FaultDecision(latency, null, null, true, false);
            }

            var lose = isCreate && s.LostCreateProbability > 0 && _lostCreates.NextDouble() < s.LostCreateProbability;
            return latency == TimeSpan.Zero && !lose ? FaultDecision.None : new FaultDecision(latency, null, null, false, lose);
        }
    }
}
