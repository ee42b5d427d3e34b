using System.Text;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

public class PartnerConnectionInfoTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static string Jwt(string payloadJson)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("{\"alg\":\"none\"}") + "." + Part(payloadJson) + ".sig";
    }

    [Fact]
    public void Claims_of_a_delegated_token_name_the_tenant_app_and_user()
    {
        var claims = AccessTokenClaims.Read(Jwt("{\"tid\":\"t-1\",\"appid\":\"app-1\",\"upn\":\"admin@contoso.com\",\"exp\":1}"));

        Assert.Equal(new AccessTokenClaims("t-1", "app-1", "admin@contoso.com"), claims);
    }

    [Fact]
    public void Claims_fall_back_to_v2_names()
    {
        var claims = AccessTokenClaims.Read(Jwt("{\"tid\":\"t-1\",\"azp\":\"app-2\",\"preferred_username\":\"a@b.c\"}"));

        Assert.Equal("app-2", claims!.ClientId);
        Assert.Equal("a@b.c", claims.Account);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sbx.opaque-token")]
    [InlineData("a.!!!.c")]
    [InlineData("a.bnVsbA.c")] // "null" as payload
    public void Tokens_that_are_not_JWTs_have_no_claims(string? token)
        => Assert.Null(AccessTokenClaims.Read(token));

    [Fact]
    public void The_description_prefers_the_token_then_the_auth_section_then_the_partner()
    {
        var endpoints = CloudEndpoints.Resolve(CloudEnvironment.USGovernment);
        var auth = new AuthSettings { Mode = AuthMode.ClientSecret, ClientId = "configured-app" };

        var fromConfig = PartnerConnectionInfo.Describe(endpoints, auth, "partner-tenant", Now);
        var fromToken = PartnerConnectionInfo.Describe(endpoints, auth, "partner-tenant", Now, new AccessTokenClaims("token-tenant", "token-app", null));

        Assert.Equal("partner-tenant", fromConfig.TenantId);
        Assert.Equal("configured-app", fromConfig.ClientId);
        Assert.Equal(CloudEnvironment.USGovernment, fromConfig.Environment);
        Assert.Equal(new Uri("https://graph.microsoft.us/v1.0/"), fromConfig.GraphEndpoint);
        Assert.False(fromConfig.IsSandbox);
        Assert.Equal(Now, fromConfig.ConnectedAt);
        Assert.Equal("token-tenant", fromToken.TenantId);
        Assert.Equal("token-app", fromToken.ClientId);
    }

    [Fact]
    public void A_managed_identity_is_described_by_its_client_id()
    {
        var auth = new AuthSettings { Mode = AuthMode.ManagedIdentity, ManagedIdentityClientId = "mi-client", ClientId = "unused" };

        var info = PartnerConnectionInfo.Describe(CloudEndpoints.For(CloudEnvironment.Global), auth, null, Now);

        Assert.Equal("mi-client", info.ClientId);
        Assert.Null(info.TenantId);
    }

    [Fact]
    public void The_description_has_no_member_that_could_hold_a_secret()
    {
        var names = typeof(PartnerConnectionInfo).GetProperties().Select(p => p.Name);

        Assert.DoesNotContain(names, n => n.Contains("Token", StringComparison.OrdinalIgnoreCase) || n.Contains("Secret", StringComparison.OrdinalIgnoreCase) || n.Contains("Credential", StringComparison.OrdinalIgnoreCase));
    }
}
