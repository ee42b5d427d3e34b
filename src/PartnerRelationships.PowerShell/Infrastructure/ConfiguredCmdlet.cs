using System;
using System.Management.Automation;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Store;

namespace PartnerRelationships.PowerShell.Infrastructure;

/// <summary>
/// A cmdlet that works from the YAML configuration (found by -ConfigPath, then $env:PARTNERRELATIONSHIPS_CONFIG,
/// then the user's config folder) and, when it needs one, the store the configuration names.
/// </summary>
public abstract class ConfiguredCmdlet : PartnerRelationshipsCmdlet
{
    private PartnerRelationshipsConfig? _config;
    private IRelationshipStore? _store;

    /// <summary>
    /// <para type="description">The YAML configuration file. Defaults to $env:PARTNERRELATIONSHIPS_CONFIG, then the user's config folder.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    /// <summary>The effective configuration; built-in defaults when no file exists and <see cref="RequiresConfigFile"/> is false.</summary>
    protected PartnerRelationshipsConfig Config => _config ??= LoadConfig();

    /// <summary>Whether this cmdlet cannot work without a configuration file (it needs the partner's identity).</summary>
    protected virtual bool RequiresConfigFile => false;

    protected IRelationshipStore Store => _store ??= OpenStore();

    protected TimeProvider Clock => TimeProvider.System;

    private PartnerRelationshipsConfig LoadConfig()
    {
        var explicitPath = ConfigPath is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigPath);
        var path = ConfigLocator.Resolve(explicitPath, Environment.GetEnvironmentVariable);
        if (path is not null)
        {
            QueueVerbose($"Configuration: {path}");
            return ConfigLoader.Load(path);
        }

        if (RequiresConfigFile)
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Config.NotFound,
                ErrorKind.ObjectNotFound,
                $"No configuration file was found (looked at -ConfigPath, $env:PARTNERRELATIONSHIPS_CONFIG and {ConfigLocator.DefaultConfigPath()}). " +
                "Create one with New-PartnerRelationshipConfig -PartnerTenantId <tenant guid> -MpnId <MPN id> -PartnerName <name>.");
        }

        QueueVerbose("No configuration file found: using built-in defaults.");
        return new PartnerRelationshipsConfig();
    }

    private IRelationshipStore OpenStore()
    {
        var store = StoreOpener.Open(this, Config.Store, Clock);
        QueueVerbose($"Store: {StoreOpener.Describe(Config.Store)}");
        return store;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store?.Dispose();
            _store = null;
        }

        base.Dispose(disposing);
    }

    protected override void EndProcessing()
    {
        _store?.Dispose();
        _store = null;
        base.EndProcessing();
    }
}
