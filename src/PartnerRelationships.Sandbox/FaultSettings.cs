namespace PartnerRelationships.Sandbox;

/// <summary>
/// Which faults the sandbox injects into API calls. Every random decision comes from its own
/// <see cref="System.Random"/> seeded from <see cref="Seed"/>, so a run is repeatable.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Requests per second (token bucket on the sandbox clock) before 429 + Retry-After; 0 = no throttle.</summary>
    public double ThrottleRequestsPerSecond { get; init; }

    /// <summary>Probability (0..1) that an API call fails with 500 or 503 (half each).</summary>
    public double ServerErrorProbability { get; init; }

    /// <summary>Probability (0..1) that the connection is dropped without a response.</summary>
    public double DropProbability { get; init; }

    /// <summary>Latency added to every API call.</summary>
    public int LatencyMilliseconds { get; init; }

    /// <summary>Probability (0..1) that a create (POST that makes a relationship or assignment) succeeds but the connection then drops.</summary>
    public double LostCreateProbability { get; init; }

    /// <summary>Seed of the decision streams.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether the token endpoint is subject to faults too (controls under /_sandbox never are).</summary>
    public bool ApplyToTokenEndpoint { get; init; }

    /// <summary>
    /// Every API call whose path contains this text (case-insensitive) fails with 503: a service that keeps failing
    /// for one object while the rest work. Null or empty: off.
    /// </summary>
    public string? FailPathContaining { get; init; }

    public static FaultSettings None { get; } = new();

    internal void Validate()
    {
        static void Probability(double p, string name)
        {
            if (double.IsNaN(p) || p < 0 || p > 1)
            {
                throw new ArgumentOutOfRangeException(name, $"{name} must be between 0 and 1.");
            }
        }

        Probability(ServerErrorProbability, nameof(ServerErrorProbability));
        Probability(DropProbability, nameof(DropProbability));
        Probability(LostCreateProbability, nameof(LostCreateProbability));
        if (ThrottleRequestsPerSecond < 0 || double.IsNaN(ThrottleRequestsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ThrottleRequestsPerSecond), "ThrottleRequestsPerSecond must be 0 (off) or positive.");
        }

        if (LatencyMilliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LatencyMilliseconds), "LatencyMilliseconds must be 0 or positive.");
        }
    }
}
