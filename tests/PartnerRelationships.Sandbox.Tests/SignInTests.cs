using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.Tests;

/// <summary>Issue 14: tokens with a kind, every grant, the App+User-only refusal, managed identity, HTTPS.</summary>
public sealed class SignInTests
{
    private const string ClientId = "00000000-0000-0000-0000-00000000a11c";
    private const string Secret = "sandbox-secret";
    private const string Tenant = "6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
    private const string Graph = "https://graph.microsoft.com/.default";
    private const string PartnerCenter = "https://api.partnercenter.microsoft.com/.default";

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(SandboxHarness sandbox, string path, Dictionary<string, string> form)
    {
        using var response = await sandbox.Anonymous.PostAsync(path, new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> TokenAsync(SandboxHarness sandbox, Dictionary<string, string> form) =>
        PostAsync(sandbox, $"{Tenant}/oauth2/v2.0/token", form);

    private static async Task<string> AppOnlyTokenAsync(SandboxHarness sandbox, string scope = PartnerCenter)
    {
        var (status, body) = await TokenAsync(sandbox, new() { ["grant_type"] = "client_credentials", ["client_id"] = ClientId, ["client_secret"] = Secret, ["scope"] = scope });
        Assert.Equal(HttpStatusCode.OK, status);
        return (string)body["access_token"]!;
    }

    /// <summary>Device code, approved after one pending poll: the App+User answer (with a refresh token).</summary>
    private static async Task<JsonObject> DeviceCodeSignInAsync(SandboxHarness sandbox, string scope = PartnerCenter + " offline_access openid profile")
    {
        sandbox.State.SignInSettings = sandbox.State.SignInSettings with { DeviceCodeIntervalSeconds = 0, DeviceCodeApproveAfterPolls = 1 };
        var (_, start) = await PostAsync(sandbox, $"{Tenant}/oauth2/v2.0/devicecode", new() { ["client_id"] = ClientId, ["scope"] = scope });
        var poll = new Dictionary<string, string> { ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code", ["client_id"] = ClientId, ["device_code"] = (string)start["device_code"]! };
        var (pendingStatus, pending) = await TokenAsync(sandbox, poll);
        Assert.Equal(HttpStatusCode.BadRequest, pendingStatus);
        Assert.Equal("authorization_pending", (string)pending["error"]!);
        var (status, body) = await TokenAsync(sandbox, poll);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static async Task<string> NewResellerCustomerAsync(SandboxHarness sandbox)
    {
        var tenantId = Guid.NewGuid().ToString();
        await sandbox.ControlAsync("_sandbox/customers/accept-reseller", new { displayName = "Contoso", tenantId, domain = "contoso.onmicrosoft.com" });
        return tenantId;
    }

    private static JsonObject Claims(string jwt) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(jwt.Split('.')[1])))!.AsObject();

    private static byte[] Base64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<HttpStatusCode> CallAsync(SandboxHarness sandbox, HttpMethod method, string path, string token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await sandbox.Anonymous.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task App_only_tokens_carry_idtyp_app_and_roles_and_delegated_ones_idtyp_user_scp_and_the_user()
    {
        await using var sandbox = await SandboxHarness.StartAsync();

        var app = Claims(await AppOnlyTokenAsync(sandbox, Graph));
        var user = Claims((string)(await DeviceCodeSignInAsync(sandbox, Graph + " offline_access"))["access_token"]!);

        Assert.Equal("app", (string)app["idtyp"]!);
        Assert.Equal("https://graph.microsoft.com", (string)app["aud"]!);
        Assert.Contains("DelegatedAdminRelationship.ReadWrite.All", app["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Null(app["scp"]);
        Assert.Equal(ClientId, (string)app["appid"]!);
        Assert.Equal("user", (string)user["idtyp"]!);
        Assert.Equal("DelegatedAdminRelationship.ReadWrite.All", (string)user["scp"]!);
        Assert.Null(user["roles"]);
        Assert.Equal(sandbox.State.SignInSettings.UserPrincipalName, (string)user["upn"]!);
        Assert.Equal(Tenant, (string)user["tid"]!);
    }

    [Theory]
    [InlineData("GET", "v1/customers/relationshiprequests", null)]
    [InlineData("PATCH", "v1/customers/{c}", "{\"relationshipToPartner\":\"none\"}")]
    [InlineData("GET", "v1/customers/{c}/relationships", null)]
    [InlineData("GET", "v1/customers/{c}/subscriptions/s-1/supportcontact", null)]
    [InlineData("PUT", "v1/customers/{c}/subscriptions/s-1/supportcontact", "{\"supportTenantId\":\"x\"}")]
    [InlineData("GET", "v1/customers/{c}/supportcontact", null)]
    public async Task App_only_tokens_are_refused_on_App_User_only_Partner_Center_calls_with_403_and_a_Partner_Center_body(string method, string path, string? body)
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var customer = await NewResellerCustomerAsync(sandbox);
        var token = await AppOnlyTokenAsync(sandbox);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{c}", customer));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await sandbox.Anonymous.SendAsync(request);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(403, (int)error["code"]!);
        Assert.Contains("App+User", (string)error["description"]!);
        Assert.False((bool)error["isRetryable"]!);
    }

    [Fact]
    public async Task App_only_tokens_still_list_and_read_customers_and_App_User_tokens_pass_everywhere()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var appOnly = await AppOnlyTokenAsync(sandbox);
        var appUser = (string)(await DeviceCodeSignInAsync(sandbox))["access_token"]!;
        var customer = await NewResellerCustomerAsync(sandbox);

        Assert.Equal(HttpStatusCode.OK, await CallAsync(sandbox, HttpMethod.Get, "v1/customers", appOnly));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(sandbox, HttpMethod.Get, $"v1/customers/{customer}", appOnly));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(sandbox, HttpMethod.Get, "v1/customers/relationshiprequests", appUser));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(sandbox, HttpMethod.Get, $"v1/customers/{customer}/relationships", appUser));
    }

    [Fact]
    public async Task A_device_code_can_be_declined_and_expires_on_the_sandbox_clock()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        sandbox.State.SignInSettings = sandbox.State.SignInSettings with { DeviceCodeApproveAfterPolls = -1 };
        async Task<Dictionary<string, string>> StartAsync()
        {
            var (_, start) = await PostAsync(sandbox, $"{Tenant}/oauth2/v2.0/devicecode", new() { ["client_id"] = ClientId, ["scope"] = PartnerCenter });
            Assert.Equal(5, (int)start["interval"]!);
            Assert.Contains((string)start["user_code"]!, (string)start["message"]!);
            return new() { ["grant_type"] = "device_code", ["client_id"] = ClientId, ["device_code"] = (string)start["device_code"]! };
        }

        var declined = await StartAsync();
        Assert.Equal("authorization_pending", (string)(await TokenAsync(sandbox, declined)).Body["error"]!);
        await sandbox.ControlAsync("_sandbox/signin/devicecode/decline");
        Assert.Equal("authorization_declined", (string)(await TokenAsync(sandbox, declined)).Body["error"]!);

        var expired = await StartAsync();
        sandbox.Server.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("expired_token", (string)(await TokenAsync(sandbox, expired)).Body["error"]!);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_are_single_use_when_asked_and_fail_with_invalid_grant_when_revoked_or_unused_for_90_days()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        var first = (string)(await DeviceCodeSignInAsync(sandbox))["refresh_token"]!;
        Dictionary<string, string> Redeem(string token) => new() { ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = token, ["scope"] = Graph };

        var (status, rotated) = await TokenAsync(sandbox, Redeem(first));
        Assert.Equal(HttpStatusCode.OK, status);
        var second = (string)rotated["refresh_token"]!;
        Assert.NotEqual(first, second);
        Assert.Equal("user", (string)Claims((string)rotated["access_token"]!)["idtyp"]!);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(sandbox, Redeem(first))).Status); // Entra: the old one stays valid

        sandbox.State.SignInSettings = sandbox.State.SignInSettings with { SingleUseRefreshTokens = true };
        var third = (string)(await TokenAsync(sandbox, Redeem(second))).Body["refresh_token"]!;
        Assert.Equal("invalid_grant", (string)(await TokenAsync(sandbox, Redeem(second))).Body["error"]!);

        var wrongClient = Redeem(third);
        wrongClient["client_id"] = Guid.NewGuid().ToString();
        Assert.Equal("invalid_grant", (string)(await TokenAsync(sandbox, wrongClient)).Body["error"]!);

        sandbox.Server.Clock.Advance(TimeSpan.FromDays(91));
        var (idleStatus, idle) = await TokenAsync(sandbox, Redeem(third));
        Assert.Equal(HttpStatusCode.BadRequest, idleStatus);
        Assert.StartsWith("AADSTS700082", (string)idle["error_description"]!);

        sandbox.State.SignInSettings = sandbox.State.SignInSettings with { SingleUseRefreshTokens = false };
        var fresh = (string)(await DeviceCodeSignInAsync(sandbox))["refresh_token"]!;
        await sandbox.ControlAsync("_sandbox/signin/revoke");
        var (_, revoked) = await TokenAsync(sandbox, Redeem(fresh));
        Assert.Equal("invalid_grant", (string)revoked["error"]!);
        Assert.StartsWith("AADSTS50173", (string)revoked["error_description"]!);
    }

    [Fact]
    public async Task Authorization_code_with_PKCE_redirects_with_the_code_and_checks_the_verifier_once()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sandbox.Server.BaseAddress };
        var verifier = B64(RandomNumberGenerator.GetBytes(32));
        var challenge = B64(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        const string redirect = "http://localhost:8400/";

        using var authorize = await noRedirect.GetAsync($"{Tenant}/oauth2/v2.0/authorize?client_id={ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirect)}&scope={Uri.EscapeDataString(PartnerCenter + " offline_access")}&state=xyz&code_challenge={challenge}&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!.ToString();
        Assert.StartsWith(redirect + "?code=", location);
        Assert.EndsWith("&state=xyz", location);
        var code = Uri.UnescapeDataString(location.Split("code=")[1].Split('&')[0]);

        Dictionary<string, string> Redeem(string v) => new() { ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = v };
        Assert.Equal("invalid_grant", (string)(await TokenAsync(sandbox, Redeem("wrong-verifier"))).Body["error"]!);

        using var again = await noRedirect.GetAsync($"{Tenant}/oauth2/v2.0/authorize?client_id={ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirect)}&scope=openid&code_challenge={challenge}&code_challenge_method=S256");
        code = Uri.UnescapeDataString(again.Headers.Location!.ToString().Split("code=")[1].Split('&')[0]);
        var (status, body) = await TokenAsync(sandbox, Redeem(verifier));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("user", (string)Claims((string)body["access_token"]!)["idtyp"]!);
        Assert.Equal("invalid_grant", (string)(await TokenAsync(sandbox, Redeem(verifier))).Body["error"]!); // used once
    }

    [Fact]
    public async Task Client_assertions_are_verified_against_the_registered_certificate()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=app", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var otherKey = RSA.Create(2048);
        var appId = Guid.NewGuid().ToString();
        await sandbox.ControlAsync("_sandbox/apps", new { clientId = appId, certificate = Convert.ToBase64String(certificate.RawData) });
        var endpoint = $"{sandbox.Server.BaseAddress}{Tenant}/oauth2/v2.0/token";
        var now = sandbox.State.Now.ToUnixTimeSeconds();

        string Assertion(RSA signer, string alg = "RS256", string? audience = null, long? exp = null)
        {
            var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["x5t"] = B64(certificate.GetCertHash(HashAlgorithmName.SHA1)) };
            var payload = new JsonObject { ["aud"] = audience ?? endpoint, ["iss"] = appId, ["sub"] = appId, ["jti"] = Guid.NewGuid().ToString(), ["nbf"] = now.ToString(), ["exp"] = (exp ?? now + 600).ToString() };
            var signed = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));
            var padding = alg == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            return signed + "." + B64(signer.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, padding));
        }

        Task<(HttpStatusCode Status, JsonObject Body)> RequestAsync(string assertion) => TokenAsync(sandbox, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = appId, ["scope"] = Graph,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
        });

        Assert.Equal(HttpStatusCode.OK, (await RequestAsync(Assertion(key))).Status);
        Assert.Equal(HttpStatusCode.OK, (await RequestAsync(Assertion(key, "PS256"))).Status);
        var forged = await RequestAsync(Assertion(otherKey));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.StartsWith("AADSTS700027", (string)forged.Body["error_description"]!);
        Assert.StartsWith("AADSTS700212", (string)(await RequestAsync(Assertion(key, audience: "https://elsewhere.example/token"))).Body["error_description"]!);
        Assert.StartsWith("AADSTS700024", (string)(await RequestAsync(Assertion(key, exp: now - 60))).Body["error_description"]!);
    }

    [Fact]
    public async Task The_managed_identity_endpoint_needs_the_identity_header_and_answers_in_the_App_Service_shape()
    {
        await using var sandbox = await SandboxHarness.StartAsync();
        async Task<(HttpStatusCode, JsonObject)> AskAsync(string? header, string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "msi/token?" + query);
            if (header is not null) request.Headers.Add("X-IDENTITY-HEADER", header);
            using var response = await sandbox.Anonymous.SendAsync(request);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
        }

        var (missing, _) = await AskAsync(null, "resource=https://graph.microsoft.com&api-version=2019-08-01");
        var (status, body) = await AskAsync("sandbox-identity-header", "resource=https://graph.microsoft.com&api-version=2019-08-01&client_id=11111111-2222-3333-4444-555555555555");

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("11111111-2222-3333-4444-555555555555", (string)body["client_id"]!);
        Assert.Equal((sandbox.State.Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(), (string)body["expires_on"]!);
        var claims = Claims((string)body["access_token"]!);
        Assert.Equal("app", (string)claims["idtyp"]!);
        Assert.Equal("https://graph.microsoft.com", (string)claims["aud"]!);
    }

    [Fact]
    public async Task Https_uses_a_loopback_certificate_that_only_a_client_pinning_it_trusts()
    {
        await using var sandbox = await SandboxHarness.StartAsync(o => new SandboxOptions { TimeProvider = o.TimeProvider, Delay = o.Delay, StartTime = o.StartTime, HttpsUrl = "https://127.0.0.1:0" });
        var https = sandbox.Server.HttpsAddress!;
        var thumbprint = sandbox.Server.Certificate!.Thumbprint;

        using var untrusting = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(https, "_sandbox/state")));
        using var pinning = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c!.Thumbprint == thumbprint });
        using var response = await pinning.GetAsync(new Uri(https, "_sandbox/state"));

        Assert.Equal("https", https.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("127.0.0.1", sandbox.Server.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(a => a.ToString()));
    }
}
