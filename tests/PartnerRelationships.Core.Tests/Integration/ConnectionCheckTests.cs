using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;

namespace PartnerRelationships.Core.Tests.Integration;

public class ConnectionCheckTests
{
    private static PartnerConnection Connect(SandboxConnection sandbox, AuthSettings auth, string? secret = null, string? token = null)
        => PartnerConnection.Create(
            new PartnerRelationshipsConfig { Partner = new PartnerSettings { TenantId = SandboxConnection.PartnerTenantId }, Auth = auth, Retry = sandbox.Retry },
            new GivenSecretSource(Secure(secret), Secure(token)),
            sandbox.Server.BaseAddress,
            new PartnerConnectionOptions { TimeProvider = sandbox.Clock });

    private static System.Security.SecureString? Secure(string? text)
    {
        if (text is null) return null;
        var secure = new System.Security.SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    [Fact]
    public async Task A_working_connection_passes_with_one_call()
    {
        await using var sandbox = await SandboxConnection.StartAsync();

        var result = await ConnectionCheck.VerifyAsync(sandbox.Connection);

        Assert.Null(result.Warning);
        Assert.Equal(SignInKind.AppOnly, result.Claims!.Kind); // Sandbox tokens are JWTs with the real claims.
        Assert.Equal(SandboxConnection.ClientId, result.Claims.ClientId);
        var call = Assert.Single(sandbox.Observer.Attempts);
        Assert.Equal("GET", call.Method);
        Assert.Contains("delegatedAdminRelationships", call.Path);
        Assert.Contains("top=1", call.Path);
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_AuthenticationFailed_before_any_call()
    {
        await using var sandbox = await SandboxConnection.StartAsync();
        using var connection = Connect(sandbox, new AuthSettings { Mode = AuthMode.ClientSecret, ClientId = SandboxConnection.ClientId }, secret: "wrong-secret");

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => ConnectionCheck.VerifyAsync(connection));

        Assert.Equal("AuthenticationFailed", error.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, error.Category);
        Assert.DoesNotContain("wrong-secret", error.Message);
        Assert.False(connection.GraphGdapCreated);
    }

    [Fact]
    public async Task A_token_the_service_refuses_fails_with_AuthenticationFailed()
    {
        await using var sandbox = await SandboxConnection.StartAsync();
        using var connection = Connect(sandbox, new AuthSettings { Mode = AuthMode.AccessToken }, token: "sbx.not-issued-here");

        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => ConnectionCheck.VerifyAsync(connection));

        Assert.Equal("AuthenticationFailed", error.ErrorId);
        Assert.Contains("Connect-PartnerRelationship", error.Message);
        Assert.DoesNotContain("not-issued-here", error.Message);
    }

    [Fact]
    public async Task The_static_token_connects()
    {
        await using var sandbox = await SandboxConnection.StartAsync();
        using var connection = Connect(sandbox, new AuthSettings { Mode = AuthMode.AccessToken }, token: "sandbox-token");

        var result = await ConnectionCheck.VerifyAsync(connection);

        Assert.Null(result.Warning);
    }
}
