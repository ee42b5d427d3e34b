using System.Diagnostics;

namespace PartnerRelationships.Benchmarks;

/// <summary>
/// Requests per tenth of a second over one run (accepted and 429 apart), so a run's idle stretches (before the
/// first request, between phases, behind Retry-After pauses) show where time above the throttle floor went.
/// </summary>
internal sealed class RequestTimeline
{
    private const int SlotsPerSecond = 10;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly List<(int Accepted, int Throttled)> _slots = new();

    public void Restart()
    {
        lock (_gate)
        {
            _slots.Clear();
            _clock.Restart();
        }
    }

    public void Record(bool throttled)
    {
        lock (_gate)
        {
            var slot = (int)(_clock.Elapsed.TotalSeconds * SlotsPerSecond);
            while (_slots.Count <= slot)
            {
                _slots.Add((0, 0));
            }

            var (accepted, refused) = _slots[slot];
            _slots[slot] = throttled ? (accepted, refused + 1) : (accepted + 1, refused);
        }
    }

    /// <summary>
    /// One line: seconds to the first request, tenths with no accepted request (after the first, before the last),
    /// and accepted requests per second, second by second (a "*" marks a second with a 429).
    /// </summary>
    public string Describe()
    {
        lock (_gate)
        {
            var first = _slots.FindIndex(s => s.Accepted + s.Throttled > 0);
            if (first < 0)
            {
                return "no requests";
            }

            var last = _slots.FindLastIndex(s => s.Accepted > 0);
            var idle = 0;
            for (var i = first; i <= last; i++)
            {
                if (_slots[i].Accepted == 0) idle++;
            }

            var seconds = new List<string>();
            for (var s = 0; s * SlotsPerSecond < _slots.Count; s++)
            {
                var range = _slots.Skip(s * SlotsPerSecond).Take(SlotsPerSecond).ToList();
                seconds.Add(range.Sum(r => r.Accepted) + (range.Any(r => r.Throttled > 0) ? "*" : ""));
            }

            return $"first request at {first / (double)SlotsPerSecond:N1} s, last accepted at {(last + 1) / (double)SlotsPerSecond:N1} s, " +
                   $"{idle / (double)SlotsPerSecond:N1} s with none accepted in between; accepted per second: {string.Join(" ", seconds)}";
        }
    }
}
