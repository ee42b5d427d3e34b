using System;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using Azure.Core;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using Polly;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// A signed-in session: the credential, the endpoints, one resilience pipeline (so the circuit breaker sees every
/// call), and the two clients, created on first use. Nothing remote is created at import, and the Graph SDK is
/// not loaded until the first Graph call (no Graph type appears in this class's signatures).
/// </summary>
public sealed class PartnerConnection : IDisposable
{
    private readonly RetrySettings _retry;
    private readonly PartnerConnectionOptions _options;
    private readonly Lazy<ResiliencePipeline<HttpResponseMessage>> _pipeline;
    private readonly object _gate = new();
    private IGraphGdapClient? _graphGdap;
    private IPartnerCenterClient? _partnerCenter;
    private IRemoteCallObserver? _observer;
    private HttpMessageHandler? _signInTransport;

    public PartnerConnection(TokenCredential credential, CloudEndpoints endpoints, RetrySettings retry, PartnerConnectionOptions? options = null, SignInKind signInKind = SignInKind.Unknown)
    {
        SignInKind = signInKind;
        Credential = credential ?? throw new ArgumentNullException(nameof(credential));
        Endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
        _retry = retry ?? throw new ArgumentNullException(nameof(retry));
        _options = options ?? new PartnerConnectionOptions();
        ResiliencePipelineFactory.Validate(_retry); // Config mistakes surface at connect time, not on the first call.
        _pipeline = new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => ResiliencePipelineFactory.Create(_retry, _options.TimeProvider, _options.Random), LazyThreadSafetyMode.ExecutionAndPublication);
        RateLimiters = _options.RateLimiters
            ?? (ReferenceEquals(_options.TimeProvider, TimeProvider.System) ? AdaptiveRateLimiters.Shared : new AdaptiveRateLimiters(_options.TimeProvider));
    }

    /// <summary>The shared limiters this connection's calls wait at (one per service and tenant).</summary>
    public AdaptiveRateLimiters RateLimiters { get; }

    /// <summary>Endpoints from the config's cloud and overrides (or the sandbox), a credential from its Auth section.</summary>
    public static PartnerConnection Create(PartnerRelationshipsConfig config, ISecretSource secrets, Uri? sandboxUri = null, PartnerConnectionOptions? options = null, CredentialOptions? credentialOptions = null)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        var endpoints = CloudEndpoints.Resolve(config.Cloud, config.Endpoints, sandboxUri);
        credentialOptions ??= new CredentialOptions();
        credentialOptions.PartnerTenantId ??= string.IsNullOrWhiteSpace(config.Partner.TenantId) ? null : config.Partner.TenantId;
        if (options is not null)
        {
            credentialOptions.TimeProvider = options.TimeProvider;
        }

        options ??= new PartnerConnectionOptions();
        var pinned = options.TrustedLoopbackCertificate;
        if (options.TransportFactory is null && pinned is not null)
        {
            options.TransportFactory = () => LoopbackCertificatePinning.CreateHandler(pinned);
        }

        // Sign-in requests get the same retry policy as every other remote call (their own pipeline instance, so a
        // failing token endpoint does not open the services' circuit), and -Verbose attempt lines without bodies.
        PartnerConnection? created = null;
        HttpMessageHandler? signInTransport = null;
        if (credentialOptions.TokenTransport is null && credentialOptions.SandboxTransport is null)
        {
            var pipeline = ResiliencePipelineFactory.Create(config.Retry, options.TimeProvider, options.Random);
            signInTransport = credentialOptions.TokenTransport = new HttpHandlerChainBuilder(pipeline, options.TimeProvider)
                .ObservedBy(() => SignInCallObserver.Wrap(created?.Observer))
                .Over(pinned is null ? null : LoopbackCertificatePinning.CreateHandler(pinned))
                .Build();
        }

        var credential = CredentialFactory.Create(config.Auth, endpoints, secrets, credentialOptions);
        options.PartnerTenantId ??= credentialOptions.PartnerTenantId;
        created = new PartnerConnection(credential, endpoints, config.Retry, options, SignInKinds.Of(config.Auth.Mode)) { _signInTransport = signInTransport };
        return created;
    }

    /// <summary>The sign-in requests' handler chain, when this connection built it (exposed so tests can prove its order).</summary>
    internal HttpMessageHandler? SignInChain => _signInTransport;

    /// <summary>AppOnly or AppUser as the sign-in mode says (Unknown for a given access token: its claims decide).</summary>
    public SignInKind SignInKind { get; }

    public TokenCredential Credential { get; }

    public CloudEndpoints Endpoints { get; }

    /// <summary>Receives -Verbose/-Debug telemetry; the cmdlet running now sets it (calls read it per request).</summary>
    public IRemoteCallObserver? Observer
    {
        get => Volatile.Read(ref _observer);
        set => Volatile.Write(ref _observer, value);
    }

    public IGraphGdapClient GraphGdap
    {
        get
        {
            lock (_gate)
            {
                return _graphGdap ??= CreateGraphGdap();
            }
        }
    }

    public IPartnerCenterClient PartnerCenter
    {
        get
        {
            lock (_gate)
            {
                return _partnerCenter ??= new PartnerCenterClient(Credential, Endpoints, _pipeline.Value, _options.TimeProvider, () => Observer, _options.TransportFactory?.Invoke(),
                    signInKind: SignInKind, limiter: RateLimiters.For(Endpoints.PartnerCenter, _options.PartnerTenantId));
            }
        }
    }

    /// <summary>True once the Graph client exists (lets tests prove it is created lazily).</summary>
    public bool GraphGdapCreated
    {
        get
        {
            lock (_gate)
            {
                return _graphGdap is not null;
            }
        }
    }

    // Kept out of line so JIT-compiling the GraphGdap getter does not pull in the Graph assembly.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private IGraphGdapClient CreateGraphGdap()
        => new GraphGdapClient(Credential, Endpoints, _pipeline.Value, _options.TimeProvider, () => Observer, _options.TransportFactory?.Invoke(),
            RateLimiters.For(Endpoints.Graph, _options.PartnerTenantId));

    public void Dispose()
    {
        lock (_gate)
        {
            (_graphGdap as IDisposable)?.Dispose();
            (_partnerCenter as IDisposable)?.Dispose();
            (Credential as IDisposable)?.Dispose();
            _signInTransport?.Dispose();
            _signInTransport = null;
            _graphGdap = null;
            _partnerCenter = null;
        }
    }
}
