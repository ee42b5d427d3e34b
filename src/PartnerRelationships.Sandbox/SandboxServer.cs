using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PartnerRelationships.Sandbox.Faults;
using PartnerRelationships.Sandbox.Http;
using PartnerRelationships.Sandbox.Seeding;
using PartnerRelationships.Sandbox.SignIn;
using PartnerRelationships.Sandbox.State;

namespace PartnerRelationships.Sandbox;

/// <summary>
/// A running sandbox: Kestrel on loopback serving the emulated Graph (/v1.0), Partner Center (/v1), token endpoint
/// and /_sandbox controls. Start it in-process from a test, or from Program for a standalone process.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseAddress, Uri? httpsAddress, X509Certificate2? certificate, SandboxState state, FaultInjector faults)
    {
        _app = app;
        BaseAddress = baseAddress;
        HttpsAddress = httpsAddress;
        Certificate = certificate;
        State = state;
        Faults = faults;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri BaseAddress { get; }

    /// <summary>Graph base URL for GraphServiceClient (…/v1.0).</summary>
    /// <summary>https://127.0.0.1:&lt;port&gt;/ when HTTPS was asked for (SandboxOptions.HttpsUrl), else null.</summary>
    public Uri? HttpsAddress { get; }

    /// <summary>The HTTPS certificate (null without HTTPS); clients pin it.</summary>
    public X509Certificate2? Certificate { get; }

    public string GraphBaseUrl => new Uri(BaseAddress, "v1.0").ToString();

    /// <summary>Partner Center base URL (the client appends /v1/…).</summary>
    public string PartnerCenterBaseUrl => BaseAddress.ToString().TrimEnd('/');

    public SandboxState State { get; }

    public SandboxClock Clock => State.Clock;

    public FaultInjector Faults { get; }

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireLoopback(options.Url, Uri.UriSchemeHttp);
        if (options.HttpsUrl is not null)
        {
            RequireLoopback(options.HttpsUrl, Uri.UriSchemeHttps);
        }
        options.Faults.Validate();

        var clock = new SandboxClock(options.TimeProvider, options.StartTime);
        var state = new SandboxState(clock, options);
        var faults = new FaultInjector(clock, options.Faults);
        if (options.SeedFile is { } seedFile)
        {
            SandboxSeeder.Load(state, ReadSeedFile(seedFile));
        }

        if (options.SeedCustomers > 0)
        {
            SandboxSeeder.Generate(state, options.SeedCustomers, options.Seed);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        X509Certificate2? certificate = null;
        if (options.HttpsUrl is null)
        {
            builder.WebHost.UseUrls(options.Url);
        }
        else
        {
            certificate = LoopbackCertificate.Create(options.TimeProvider.GetUtcNow());
            if (options.CertificateOutputPath is { } output)
            {
                LoopbackCertificate.WritePublicPem(certificate, output);
            }

            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
            builder.WebHost.UseUrls(options.Url, options.HttpsUrl);
        }
        builder.Logging.ClearProviders();
        if (options.LogRequests)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(options);

        var app = builder.Build();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<BearerTokenMiddleware>();
        app.UseRouting();
        GraphRelationshipEndpoints.Map(app, state);
        GraphAccessAssignmentEndpoints.Map(app, state, options.AccessAssignmentPageSize);
        GraphCustomerEndpoints.Map(app, state);
        GraphGroupEndpoints.Map(app, state);
        PartnerCenterEndpoints.Map(app, state, options);
        TokenEndpoints.Map(app, state);
        ControlEndpoints.Map(app, state, faults);
        app.MapFallback(context => ServiceErrors.WriteAsync(context, 404, "notFound", 404, "NotFound",
            $"The sandbox doesn't serve {context.Request.Method} {context.Request.Path}; see remote-api.md for what it emulates."));

        await app.StartAsync(ct).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var http = addresses.First(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase));
        var https = addresses.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
        return new SandboxServer(app, new Uri(http.TrimEnd('/') + "/"), https is null ? null : new Uri(https.TrimEnd('/') + "/"), certificate, state, faults);
    }

    /// <summary>Waits until the host is asked to stop (Ctrl+C in the executable).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void RequireLoopback(string url, string scheme)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
        {
            throw new ArgumentException($"The sandbox URL '{url}' must be an absolute {scheme}:// URL on loopback, for example {scheme}://127.0.0.1:5099.", nameof(url));
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new ArgumentException($"The sandbox listens on loopback only; '{uri.Host}' is not a loopback address. Use 127.0.0.1.", nameof(url));
        }
    }

    private static SeedFile ReadSeedFile(string path)
    {
        try
        {
            var json = File.ReadAllText(path);
            return JsonSerializer.Deserialize<SeedFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                   ?? new SeedFile();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ArgumentException($"The seed file '{path}' could not be read: {ex.Message}", nameof(path), ex);
        }
    }
}
