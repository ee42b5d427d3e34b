using System.Net;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

public class CredentialFactoryTests
{
    private static readonly CloudEndpoints Global = CloudEndpoints.For(CloudEnvironment.Global);
    private static readonly CloudEndpoints Sandbox = CloudEndpoints.Resolve(CloudEnvironment.Global, null, new Uri("http://localhost:5080"));
    private static readonly TokenRequestContext GraphScope = new(new[] { "https://graph.microsoft.com/.default" });

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    private static AuthSettings App(AuthMode mode) => new() { Mode = mode, ClientId = "app-id", TenantId = "tenant-id", ClientSecretVariable = "PR_SECRET", AccessTokenVariable = "PR_TOKEN" };

    [Fact]
    public void Client_secret_from_an_environment_variable()
    {
        var env = new EnvironmentSecretSource(name => name == "PR_SECRET" ? "s3cret" : null);

        Assert.IsType<ClientSecretCredential>(CredentialFactory.Create(App(AuthMode.ClientSecret), Global, env));
    }

    [Fact]
    public void Given_secret_wins_over_the_environment_and_vault_is_last()
    {
        var asked = new List<string>();
        var chain = SecretSources.Chain(
            new GivenSecretSource(clientSecret: Secure("given")),
            new EnvironmentSecretSource(_ => { asked.Add("env"); return "env"; }),
            new VaultSecretSource((_, _) => { asked.Add("vault"); return "vault"; }));

        Assert.Equal("given", chain.GetSecret(SecretKind.ClientSecret, App(AuthMode.ClientSecret)));
        Assert.Empty(asked);

        var vaultOnly = SecretSources.Chain(new GivenSecretSource(), new EnvironmentSecretSource(_ => null), new VaultSecretSource((vault, name) => $"{vault}/{name}"));
        var auth = App(AuthMode.ClientSecret);
        auth.SecretVault = "MyVault";
        auth.SecretName = "PrSecret";
        Assert.Equal("MyVault/PrSecret", vaultOnly.GetSecret(SecretKind.ClientSecret, auth));
    }

    [Fact]
    public void Missing_client_secret_says_where_to_put_it()
    {
        var ex = Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(App(AuthMode.ClientSecret), Global, new EnvironmentSecretSource(_ => null)));

        Assert.Equal("MissingClientSecret", ex.ErrorId);
        Assert.Contains("never read from the configuration file", ex.Message);
    }

    [Fact]
    public void Missing_client_id_is_a_config_error()
    {
        var auth = App(AuthMode.ClientSecret);
        auth.ClientId = null;

        var ex = Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(auth, Global, new GivenSecretSource(Secure("x"))));

        Assert.Equal("MissingClientId", ex.ErrorId);
        Assert.Equal("Auth.ClientId", ex.Target);
    }

    [Fact]
    public void Tenant_defaults_to_the_partner_tenant()
    {
        var auth = App(AuthMode.ClientSecret);
        auth.TenantId = null;

        Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(auth, Global, new GivenSecretSource(Secure("x"))));
        Assert.IsType<ClientSecretCredential>(CredentialFactory.Create(auth, Global, new GivenSecretSource(Secure("x")), new CredentialOptions { PartnerTenantId = "partner-tenant" }));
    }

    [Theory]
    [InlineData(AuthMode.Interactive, typeof(InteractiveBrowserCredential))]
    [InlineData(AuthMode.ManagedIdentity, typeof(ManagedIdentityCredential))]
    public void Other_modes_build_their_azure_identity_credential(AuthMode mode, Type expected)
    {
        Assert.IsType(expected, CredentialFactory.Create(App(mode), Global, new GivenSecretSource()));
    }

    [Fact]
    public void Device_code_needs_a_callback()
    {
        Assert.Equal("DeviceCodeNeedsHost", Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(App(AuthMode.DeviceCode), Global, new GivenSecretSource())).ErrorId);
        Assert.IsType<DeviceCodeCredential>(CredentialFactory.Create(App(AuthMode.DeviceCode), Global, new GivenSecretSource(), new CredentialOptions { DeviceCodeCallback = (_, _) => Task.CompletedTask }));
    }

    [Fact]
    public void Certificate_that_is_not_there_is_reported()
    {
        var byThumbprint = App(AuthMode.Certificate);
        byThumbprint.CertificateThumbprint = "00112233445566778899AABBCCDDEEFF00112233";
        var byPath = App(AuthMode.Certificate);
        byPath.CertificatePath = "/nonexistent/cert.pfx";

        Assert.Equal("CertificateNotFound", Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(byThumbprint, Global, new GivenSecretSource())).ErrorId);
        Assert.Equal("CertificateNotFound", Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(byPath, Global, new GivenSecretSource())).ErrorId);
        Assert.Equal("MissingCertificate", Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(App(AuthMode.Certificate), Global, new GivenSecretSource())).ErrorId);
    }

    [Fact]
    public async Task Access_token_from_a_variable_with_expiry_from_the_jwt()
    {
        var clock = new TestClock();
        var exp = clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds();
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"exp\":{exp}}}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var jwt = $"eyJhbGciOiJub25lIn0.{payload}.sig";
        var credential = CredentialFactory.Create(App(AuthMode.AccessToken), Global, new EnvironmentSecretSource(n => n == "PR_TOKEN" ? jwt : null), new CredentialOptions { TimeProvider = clock });

        var token = await credential.GetTokenAsync(GraphScope, default);
        Assert.Equal(jwt, token.Token);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), token.ExpiresOn);

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal("AccessTokenExpired", Assert.Throws<PartnerRelationshipsException>(() => credential.GetToken(GraphScope, default)).ErrorId);
    }

    [Fact]
    public void Sandbox_refuses_flows_it_cannot_do()
    {
        var ex = Assert.Throws<PartnerRelationshipsException>(() => CredentialFactory.Create(App(AuthMode.Interactive), Sandbox, new GivenSecretSource()));

        Assert.Equal("SandboxAuthNotSupported", ex.ErrorId);
    }

    [Fact]
    public async Task Sandbox_client_credentials_post_to_the_token_endpoint_and_cache_until_expiry()
    {
        var clock = new TestClock();
        var server = new ScriptedHandler();
        for (var i = 0; i < 2; i++)
        {
            server.ThenStatus(HttpStatusCode.OK, new JsonObject { ["token_type"] = "Bearer", ["access_token"] = $"sandbox-token-{i}", ["expires_in"] = 3600 }.ToJsonString());
        }

        var credential = CredentialFactory.Create(App(AuthMode.ClientSecret), Sandbox, new GivenSecretSource(Secure("s3cret")), new CredentialOptions { TimeProvider = clock, SandboxTransport = server });
        var sandbox = Assert.IsType<SandboxClientCredential>(credential);

        Assert.Equal("sandbox-token-0", (await credential.GetTokenAsync(GraphScope, default)).Token);
        clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal("sandbox-token-0", (await credential.GetTokenAsync(GraphScope, default)).Token);
        Assert.Equal(1, sandbox.TokenRequests);

        clock.Advance(TimeSpan.FromMinutes(9)); // within the refresh margin
        Assert.Equal("sandbox-token-1", (await credential.GetTokenAsync(GraphScope, default)).Token);

        var request = server.Received[0];
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://localhost:5080/tenant-id/oauth2/v2.0/token", request.Uri.ToString());
        Assert.Contains("grant_type=client_credentials", request.Body);
        Assert.Contains("client_id=app-id", request.Body);
        Assert.Contains("client_secret=s3cret", request.Body);
        Assert.Contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default", request.Body);
    }

    [Fact]
    public async Task Sandbox_sign_in_failure_is_clear_and_secret_free()
    {
        var server = new ScriptedHandler().ThenStatus(HttpStatusCode.Unauthorized, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret.\"}");
        var credential = CredentialFactory.Create(App(AuthMode.ClientSecret), Sandbox, new GivenSecretSource(Secure("s3cret")), new CredentialOptions { SandboxTransport = server });

        var ex = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => credential.GetTokenAsync(GraphScope, default).AsTask());

        Assert.Equal("AuthenticationFailed", ex.ErrorId);
        Assert.Contains("Invalid client secret", ex.Message);
        Assert.DoesNotContain("s3cret", ex.Message);
    }
}
