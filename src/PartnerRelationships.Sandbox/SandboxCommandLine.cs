using System.Globalization;

namespace PartnerRelationships.Sandbox;

/// <summary>The executable's flags.</summary>
internal static class SandboxCommandLine
{
    public const string Usage = """
        PartnerRelationships.Sandbox [options]
          --urls URL              where to listen (loopback only; default http://127.0.0.1:5099)
          --https-url URL         also serve HTTPS there (loopback only) with a certificate made at start
          --certificate-out PATH  write that certificate's public part (PEM) to PATH, for clients to pin
          --seed-file PATH        JSON seed file (customers, relationships, apps)
          --customers N           generate N customers with relationships in assorted states
          --seed INT              seed for generated customers and faults (default 1)
          --throttle-rps N        allow N API requests per second, then 429 with Retry-After
          --fault-5xx P           probability (0..1) of a 500/503 answer
          --fault-drop P          probability (0..1) of a dropped connection
          --latency-ms N          added latency per API call
          --lost-create P         probability (0..1) that a create succeeds but its response is lost
          --faults-on-token       apply faults to the token endpoint too
          --pending-work-seconds N  how long pending work (operations, activation, termination) takes (default 5)
          --quiet                 don't log requests
        """;

    /// <summary>Options from the flags; null when help was asked for.</summary>
    public static SandboxOptions? Parse(string[] args)
    {
        var url = "http://127.0.0.1:5099";
        string? seedFile = null;
        string? httpsUrl = null;
        string? certificateOut = null;
        var customers = 0;
        var seed = 1;
        var faults = new FaultSettings();
        var log = true;
        TimeSpan? pendingWork = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg.ToLowerInvariant())
            {
                case "-h" or "--help" or "-?":
                    return null;
                case "--urls":
                    url = Value().Split(';')[0];
                    break;
                case "--https-url":
                    httpsUrl = Value();
                    break;
                case "--certificate-out":
                    certificateOut = Value();
                    break;
                case "--seed-file":
                    seedFile = Value();
                    break;
                case "--customers":
                    customers = Int(arg, Value());
                    break;
                case "--seed":
                    seed = Int(arg, Value());
                    break;
                case "--throttle-rps":
                    faults = faults with { ThrottleRequestsPerSecond = Double(arg, Value()) };
                    break;
                case "--fault-5xx":
                    faults = faults with { ServerErrorProbability = Double(arg, Value()) };
                    break;
                case "--fault-drop":
                    faults = faults with { DropProbability = Double(arg, Value()) };
                    break;
                case "--latency-ms":
                    faults = faults with { LatencyMilliseconds = Int(arg, Value()) };
                    break;
                case "--lost-create":
                    faults = faults with { LostCreateProbability = Double(arg, Value()) };
                    break;
                case "--faults-on-token":
                    faults = faults with { ApplyToTokenEndpoint = true };
                    break;
                case "--pending-work-seconds":
                    pendingWork = TimeSpan.FromSeconds(Int(arg, Value()));
                    break;
                case "--quiet":
                    log = false;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'.");
            }
        }

        faults = faults with { Seed = seed };
        try
        {
            faults.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }

        var defaults = new SandboxOptions();
        return new SandboxOptions
        {
            Url = url,
            PendingWorkDelay = pendingWork ?? defaults.PendingWorkDelay,
            HttpsUrl = httpsUrl,
            CertificateOutputPath = certificateOut,
            SeedFile = seedFile,
            SeedCustomers = customers,
            Seed = seed,
            Faults = faults,
            LogRequests = log,
        };
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} needs a whole number, not '{value}'.");

    private static double Double(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new ArgumentException($"{name} needs a number, not '{value}'.");
}
