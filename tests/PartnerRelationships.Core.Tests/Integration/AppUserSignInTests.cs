using System.Net.Http.Json;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Integration;

/// <summary>
/// Issue 14 at the Core level, against the in-process sandbox: the App+User-only Partner Center calls work with a
/// partner admin's refresh token (and its rotations reach the caller), and an app-only sign-in gets the explanation.
/// </summary>
public sealed class AppUserSignInTests
{
    /// <summary>The sandbox's indirect reseller (SandboxOptions.IndirectResellers): a valid support contact.</summary>
    private const string IndirectReseller = "7a2b3c4d-5e6f-4071-8a9b-0c1d2e3f4a5b";

    /// <summary>A subscription that can have a support contact (listing subscriptions accepts app-only too).</summary>
    private static async Task<string> LegacySubscriptionAsync(PartnerConnection connection, string customer)
        => (await connection.PartnerCenter.ListSubscriptionsAsync(customer)).First(s => s.SupportContactAvailability == SupportContactAvailability.Available).Id;

    private static async Task<string> NewResellerCustomerAsync(SandboxServer server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var tenantId = Guid.NewGuid().ToString();
        using var response = await http.PostAsJsonAsync("_sandbox/customers/accept-reseller", new { displayName = "Contoso", tenantId, domain = "contoso.onmicrosoft.com" });
        response.EnsureSuccessStatusCode();
        return tenantId;
    }

    /// <summary>The one-time consent (device code, approved by the sandbox's admin after one poll).</summary>
    private static async Task<string> ConsentAsync(SandboxConnection sandbox, HttpMessageHandler? transport = null)
    {
        sandbox.Server.State.SignInSettings = sandbox.Server.State.SignInSettings with { DeviceCodeIntervalSeconds = 0, DeviceCodeApproveAfterPolls = 1 };
        var messages = new List<string>();
        var result = await RefreshTokenConsent.RunAsync(
            sandbox.Server.BaseAddress, SandboxConnection.PartnerTenantId, SandboxConnection.ClientId, null, sandbox.Connection.Endpoints.PartnerCenterScope,
            (m, _) => { messages.Add(m); return Task.CompletedTask; }, sandbox.Retry, sandbox.Clock, transport, default);
        Assert.Contains("enter the code", Assert.Single(messages));
        Assert.Equal(sandbox.Server.State.SignInSettings.UserPrincipalName, result.Claims!.Account);
        Assert.DoesNotContain(result.RefreshToken, result.ToString());
        return result.RefreshToken;
    }

    private static PartnerConnection RefreshTokenConnection(SandboxConnection sandbox, string refreshToken, List<string> rotated) => PartnerConnection.Create(
        new PartnerRelationshipsConfig
        {
            Partner = new PartnerSettings { TenantId = SandboxConnection.PartnerTenantId },
            Auth = new AuthSettings { Mode = AuthMode.RefreshToken, ClientId = SandboxConnection.ClientId, RefreshTokenVariable = "PR_REFRESH" },
            Retry = sandbox.Retry,
        },
        new EnvironmentSecretSource(name => name == "PR_REFRESH" ? refreshToken : null),
        sandbox.Server.BaseAddress,
        new PartnerConnectionOptions { TimeProvider = sandbox.Clock, Random = () => 0.5 },
        new CredentialOptions { RefreshTokenRotated = rotated.Add });

    [Fact]
    public async Task With_a_refresh_token_the_App_User_only_calls_work_and_every_rotation_reaches_the_caller()
    {
        await using var sandbox = await SandboxConnection.StartAsync();
        sandbox.Server.State.SignInSettings = sandbox.Server.State.SignInSettings with { SingleUseRefreshTokens = true };
        var consented = await ConsentAsync(sandbox);
        var customer = await NewResellerCustomerAsync(sandbox.Server);
        var rotated = new List<string>();
        using var connection = RefreshTokenConnection(sandbox, consented, rotated);

        Assert.Equal(SignInKind.AppUser, connection.SignInKind);
        var link = await connection.PartnerCenter.GetRelationshipRequestLinkAsync();
        var subscription = await LegacySubscriptionAsync(connection, customer);
        await connection.PartnerCenter.SetSubscriptionSupportContactAsync(customer, subscription, new SupportContactInfo(IndirectReseller, "7654321", "Tailspin"));
        Assert.Equal("Tailspin", (await connection.PartnerCenter.GetSubscriptionSupportContactAsync(customer, subscription))!.Name);
        Assert.NotNull(await connection.PartnerCenter.ListCustomerRelationshipsAsync(customer));
        await connection.PartnerCenter.RemoveResellerRelationshipAsync(customer);
        await connection.GraphGdap.ListRelationshipsAsync(new RelationshipFilter { PageSize = 1 }).GetAsyncEnumerator().MoveNextAsync();

        Assert.Contains("invType=ResellerRelationship", link.ToString());
        Assert.Equal(2, rotated.Count); // one exchange per resource (Partner Center, Graph), each handing out a new token
        Assert.NotEqual(consented, rotated[0]);
        Assert.NotEqual(rotated[0], rotated[1]);

        // The next run starts from the last rotation (single-use tokens: the consented one is spent).
        using var nextRun = RefreshTokenConnection(sandbox, rotated[^1], new List<string>());
        Assert.Contains("invType", (await nextRun.PartnerCenter.GetRelationshipRequestLinkAsync()).ToString());
        using var stale = RefreshTokenConnection(sandbox, consented, new List<string>());
        Assert.Equal("RefreshTokenExpired", (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => stale.PartnerCenter.GetRelationshipRequestLinkAsync())).ErrorId);
    }

    [Fact]
    public async Task A_revoked_refresh_token_fails_with_RefreshTokenExpired_saying_how_to_renew_it()
    {
        await using var sandbox = await SandboxConnection.StartAsync();
        var consented = await ConsentAsync(sandbox);
        sandbox.Server.State.RevokeRefreshTokens();
        using var connection = RefreshTokenConnection(sandbox, consented, new List<string>());

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => ConnectionCheck.VerifyAsync(connection));

        Assert.Equal("RefreshTokenExpired", error.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, error.Category);
        Assert.Contains("AADSTS50173", error.Message);
        Assert.Contains("environment variable PR_REFRESH", error.Message);
        Assert.Contains("New-PartnerRelationshipRefreshToken", error.Message);
        Assert.DoesNotContain(consented, error.Message);
    }

    [Fact]
    public async Task An_app_only_sign_in_gets_the_explanation_on_each_App_User_only_call_not_a_raw_403()
    {
        await using var sandbox = await SandboxConnection.StartAsync();
        var customer = await NewResellerCustomerAsync(sandbox.Server);
        var partnerCenter = sandbox.Connection.PartnerCenter;
        Assert.Equal(SignInKind.AppOnly, sandbox.Connection.SignInKind);

        var errors = new[]
        {
            await Assert.ThrowsAsync<PartnerRelationshipsException>(() => partnerCenter.GetRelationshipRequestLinkAsync()),
            await Assert.ThrowsAsync<PartnerRelationshipsException>(() => partnerCenter.RemoveResellerRelationshipAsync(customer)),
            await Assert.ThrowsAsync<PartnerRelationshipsException>(() => partnerCenter.ListCustomerRelationshipsAsync(customer)),
            await Assert.ThrowsAsync<PartnerRelationshipsException>(async () => await partnerCenter.GetSubscriptionSupportContactAsync(customer, await LegacySubscriptionAsync(sandbox.Connection, customer))),
        };

        Assert.All(errors, e =>
        {
            Assert.Equal("AppUserSignInRequired", e.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, e.Category);
            Assert.Contains("needs a signed-in partner user", e.Message);
            Assert.DoesNotContain("403", e.Message);
        });
        await foreach (var _ in partnerCenter.ListCustomersAsync(1))
        {
            break; // listing customers accepts app-only
        }
    }

    [Fact]
    public async Task A_given_app_only_access_token_is_recognised_by_its_claims()
    {
        await using var sandbox = await SandboxConnection.StartAsync();
        var token = (await sandbox.Connection.Credential.GetTokenAsync(new Azure.Core.TokenRequestContext(new[] { sandbox.Connection.Endpoints.PartnerCenterScope }), default)).Token;
        using var given = new PartnerConnection(new StaticAccessTokenCredential(token, sandbox.Clock), sandbox.Connection.Endpoints, sandbox.Retry, new PartnerConnectionOptions { TimeProvider = sandbox.Clock });

        Assert.Equal(SignInKind.Unknown, given.SignInKind);
        Assert.Equal("AppUserSignInRequired", (await Assert.ThrowsAsync<PartnerRelationshipsException>(() => given.PartnerCenter.GetRelationshipRequestLinkAsync())).ErrorId);
    }

    [Fact]
    public async Task The_one_time_consent_rides_out_a_failing_sign_in_endpoint()
    {
        // Half of the sign-in endpoint's answers are 500/503 (seeded): the device-code start and the polls are retried.
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { ServerErrorProbability = 0.5, ApplyToTokenEndpoint = true, Seed = 5 });
        using var statuses = new StatusLog(new HttpClientHandler());

        var refreshToken = await ConsentAsync(sandbox, statuses);

        Assert.False(string.IsNullOrEmpty(refreshToken));
        Assert.Contains(statuses.Seen, status => status >= 500);
        Assert.Equal(200, statuses.Seen[^1]);
    }

    /// <summary>Every status code the transport answered, in order (retried attempts included).</summary>
    private sealed class StatusLog : DelegatingHandler
    {
        public StatusLog(HttpMessageHandler inner) : base(inner) { }

        public List<int> Seen { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            lock (Seen) Seen.Add((int)response.StatusCode);
            return response;
        }
    }

    [Fact]
    public async Task Transient_token_endpoint_failures_are_retried_then_reported_as_the_service_not_a_wrong_secret()
    {
        await using var sandbox = await SandboxConnection.StartAsync(new FaultSettings { ServerErrorProbability = 1, ApplyToTokenEndpoint = true });

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => ConnectionCheck.VerifyAsync(sandbox.Connection));

        Assert.Equal("SignInEndpointUnavailable", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Category);
        Assert.Contains("not a wrong secret", error.Message);
        Assert.Equal(sandbox.Retry.MaxAttempts, sandbox.Observer.Attempts.Count(a => a.Path.Contains("/oauth2/v2.0/token")));
    }
}
