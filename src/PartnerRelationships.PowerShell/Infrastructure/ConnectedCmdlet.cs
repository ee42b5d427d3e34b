using System;
using System.Management.Automation;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// A cmdlet that calls the partner services. It uses the session's connection (Connect-PartnerRelationship); with
/// none, and a configuration that signs in unattended (a runbook), it connects from the configuration by itself.
/// While it runs, every remote call is reported on -Verbose (and bodies, redacted, on -Debug).
/// </summary>
/// <remarks>
/// The connection is resolved in BeginProcessing on the pipeline thread (reading a vault secret runs PowerShell);
/// derived cmdlets that override BeginProcessing must call the base first.
/// </remarks>
public abstract class ConnectedCmdlet : ConfiguredCmdlet
{
    private PartnerConnection? _connection;
    private CmdletRemoteCallObserver? _observer;

    /// <summary>The session's connection, with this cmdlet's observer attached.</summary>
    protected PartnerConnection Connection => _connection ?? throw new InvalidOperationException("The connection is resolved in BeginProcessing; call base.BeginProcessing() first.");

    /// <summary>What the connection in use is (never a token).</summary>
    protected PartnerConnectionInfo? ConnectionInfo { get; private set; }

    /// <summary>
    /// Whether BeginProcessing connects. A cmdlet that needs the services for only some of its work returns false and
    /// calls <see cref="EnsureConnected"/> when it does (so, e.g., offline reseller invites need no sign-in).
    /// </summary>
    protected virtual bool ConnectsOnBegin => true;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ConnectsOnBegin)
        {
            TryOrTerminate(() => Attach(Resolve()));
        }
    }

    /// <summary>Connects on first need; call from the pipeline thread (resolving may read a vault secret).</summary>
    protected PartnerConnection EnsureConnected()
    {
        if (_connection is null)
        {
            Attach(Resolve());
        }

        return _connection!;
    }

    /// <summary>Whether this cmdlet has a connection attached (always after BeginProcessing unless it connects lazily).</summary>
    protected bool IsConnected => _connection is not null;

    /// <summary>Attaches the session's connection when there is one for this configuration, without signing in.</summary>
    protected bool TryUseSessionConnection()
    {
        if (_connection is null && SessionConnection.Current is { } current && Applies(current))
        {
            Attach(current);
        }

        return _connection is not null;
    }

    /// <summary>Connect-PartnerRelationship's connection serves every configuration; an automatic one only its own.</summary>
    private bool Applies(SessionConnection.Entry current) =>
        current.Info.FromConfiguration is false || string.Equals(current.ConfigSource, Config.SourcePath, StringComparison.Ordinal);

    private SessionConnection.Entry Resolve()
    {
        var current = SessionConnection.Current;
        if (current is not null && Applies(current))
        {
            return current;
        }

        var config = Config;

        if (!SignsInUnattended(config.Auth))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Remote.NotConnected,
                ErrorKind.InvalidOperation,
                "Not connected to the partner services. Run Connect-PartnerRelationship first, or set an unattended sign-in (ClientSecret with clientSecretVariable or a vault, Certificate, ManagedIdentity, RefreshToken with a vault or refreshTokenVariable, or AccessToken with accessTokenVariable) in the configuration's auth section.");
        }

        var secrets = SecretSources.Chain(new EnvironmentSecretSource(), SecretManagementVault.For(this));
        var connectionOptions = new PartnerConnectionOptions { TimeProvider = Clock };
        var credentialOptions = new Core.Remote.Authentication.CredentialOptions();
        SignInOptions.Apply(config.Auth, credentialOptions, connectionOptions);
        var connection = PartnerConnection.Create(config, secrets, options: connectionOptions, credentialOptions: credentialOptions);
        var info = PartnerConnectionInfo.Describe(connection.Endpoints, config.Auth, config.Partner.TenantId, Clock.GetUtcNow()) with { FromConfiguration = true };
        var entry = new SessionConnection.Entry(connection, info, config.SourcePath);
        SessionConnection.Set(entry);
        WriteVerbose($"Connected from the configuration {config.SourcePath ?? "(defaults)"}: {info.AuthMode} sign-in, Graph {info.GraphEndpoint}, Partner Center {info.PartnerCenterEndpoint}.");
        return entry;
    }

    /// <summary>A sign-in that needs no person: what a runbook can use without Connect-PartnerRelationship.</summary>
    internal static bool SignsInUnattended(AuthSettings auth) => auth.Mode switch
    {
        AuthMode.ClientSecret => !string.IsNullOrWhiteSpace(auth.ClientSecretVariable)
            || (!string.IsNullOrWhiteSpace(auth.SecretVault) && !string.IsNullOrWhiteSpace(auth.SecretName)),
        AuthMode.Certificate => !string.IsNullOrWhiteSpace(auth.CertificateThumbprint) || !string.IsNullOrWhiteSpace(auth.CertificatePath),
        AuthMode.ManagedIdentity => true,
        AuthMode.AccessToken => !string.IsNullOrWhiteSpace(auth.AccessTokenVariable),
        AuthMode.RefreshToken => !string.IsNullOrWhiteSpace(auth.RefreshTokenVariable)
            || (!string.IsNullOrWhiteSpace(auth.RefreshTokenVault) && !string.IsNullOrWhiteSpace(auth.RefreshTokenName)),
        _ => false,
    };

    private void Attach(SessionConnection.Entry entry)
    {
        _connection = entry.Connection;
        ConnectionInfo = entry.Info;
        _observer = new CmdletRemoteCallObserver(this, DebugRequested(this));
        _connection.Observer = _observer;
    }

    /// <summary>-Debug, or $DebugPreference asking for debug output: only then are bodies captured at all.</summary>
    internal static bool DebugRequested(PSCmdlet cmdlet)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var debug))
        {
            return debug is SwitchParameter { IsPresent: true } || debug is true;
        }

        return cmdlet.GetVariableValue("DebugPreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue
            && preference != ActionPreference.Ignore;
    }

    private void Detach()
    {
        var observer = _observer;
        if (observer is null)
        {
            return;
        }

        observer.Close();
        if (_connection is not null && ReferenceEquals(_connection.Observer, observer))
        {
            _connection.Observer = null;
        }

        _observer = null;
    }

    protected override void EndProcessing()
    {
        DrainMessages();
        Detach();
        base.EndProcessing();
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        _observer?.Close();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Detach();
        }

        base.Dispose(disposing);
    }
}
