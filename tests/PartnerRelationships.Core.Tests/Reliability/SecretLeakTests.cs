using System.Collections.Concurrent;
using System.Text;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Tests.Integration;
using PartnerRelationships.Core.Tests.Resilience;
using PartnerRelationships.Core.Tests.Store;
using PartnerRelationships.Core.Workflow;
using PartnerRelationships.Sandbox;

namespace PartnerRelationships.Core.Tests.Reliability;

/// <summary>
/// A run with everything a -Verbose -Debug session would print (every attempt and every body, retries included): the
/// client secret and every bearer token actually sent appear nowhere in that output, in error messages, in the store
/// file or in the drafts.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SecretLeakTests
{
    private const string Secret = "Rel1ab1l1ty~Secret.7Qx_4f9e2d8c";

    [Fact]
    public async Task No_secret_or_token_appears_in_any_output_store_or_draft()
    {
        await using var h = await ReliabilityHarness.StartAsync(new FaultSettings { ServerErrorProbability = 0.2, DropProbability = 0.1, LostCreateProbability = 0.3, Seed = 5 });
        h.Server.State.RegisterApp(SandboxConnection.ClientId, Secret);
        var tokens = new ConcurrentQueue<string>();
        var observer = new RecordingObserver { TraceBodies = true };
        var connection = Connect(h, Secret, tokens, observer);
        var errors = new List<string>();
        var drafts = h.Folder.File("drafts");
        Directory.CreateDirectory(drafts);

        var granular = new GranularInviteService(h.Config, h.Store, connection.GraphGdap, h.Time);
        for (var i = 0; i < 8; i++)
        {
            var invite = (await granular.CreateAsync(new GranularInviteRequest { CustomerName = $"Secretive {i}", CustomerEmail = $"admin@secretive{i}.example", DraftFile = drafts })).Invite;
            if (i % 2 == 0)
            {
                h.Server.State.ApproveAndActivate(invite.RelationshipId!);
            }
        }

        await foreach (var _ in new InviteSyncService(h.Store, connection.GraphGdap, connection.PartnerCenter, h.Time).SyncAsync())
        {
        }

        await foreach (var _ in new CustomerDirectory(connection.GraphGdap, connection.PartnerCenter).ListAsync())
        {
        }

        // Failures print their messages too: a wrong secret, and a token the service refuses.
        using (var wrong = Connect(h, Secret + "-wrong", tokens, observer))
        {
            errors.Add((await Assert.ThrowsAnyAsync<Exception>(() => wrong.GraphGdap.GetRelationshipAsync("does-not-exist"))).ToString());
        }

        using (var refused = new PartnerConnection(new StaticAccessTokenCredential("sbx.refused-token-6b1d9a"), connection.Endpoints, ReliabilityHarness.SoakRetry(), new PartnerConnectionOptions { TimeProvider = h.Clock }) { Observer = observer })
        {
            errors.Add((await Assert.ThrowsAsync<PartnerRelationshipsException>(() => refused.GraphGdap.GetRelationshipAsync("does-not-exist"))).ToString());
            tokens.Enqueue("sbx.refused-token-6b1d9a");
        }

        connection.Dispose();
        h.Store.Dispose();

        var sent = tokens.Distinct().ToList();
        Assert.NotEmpty(sent);
        Assert.Contains(observer.Bodies, b => b.Direction == Core.Resilience.RemoteBodyDirection.Request);
        Assert.Contains(observer.Attempts, a => a.RetryDelay is not null);
        var captured = new Dictionary<string, string>
        {
            ["verbose and debug output"] = observer.AllText(),
            ["error messages"] = string.Join("\n", errors),
        };
        foreach (var file in Directory.EnumerateFiles(h.Folder.Path, "*", SearchOption.AllDirectories))
        {
            captured[Path.GetFileName(file)] = Encoding.Latin1.GetString(File.ReadAllBytes(file));
        }

        Assert.Contains(captured.Keys, k => k.EndsWith(".eml", StringComparison.Ordinal));
        Assert.Contains("store.db", captured.Keys);
        foreach (var needle in sent.Prepend(Secret))
        {
            // The whole value, and a long piece of it (a truncated token is still a leak).
            var piece = needle.Substring(needle.Length / 3, Math.Min(12, needle.Length - needle.Length / 3));
            foreach (var (where, text) in captured)
            {
                Assert.False(text.Contains(needle, StringComparison.Ordinal), $"'{needle}' appears in {where}");
                Assert.False(text.Contains(piece, StringComparison.Ordinal), $"part of a secret ('{piece}') appears in {where}");
                Assert.False(text.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(needle)), StringComparison.Ordinal), $"'{needle}' in base64 appears in {where}");
            }
        }
    }

    private static PartnerConnection Connect(ReliabilityHarness h, string secret, ConcurrentQueue<string> tokens, RecordingObserver observer)
    {
        var config = new PartnerRelationshipsConfig
        {
            Partner = h.Config.Partner,
            Auth = new AuthSettings { Mode = AuthMode.ClientSecret, ClientId = SandboxConnection.ClientId, ClientSecretVariable = "PR_LEAK_SECRET" },
            Invites = h.Config.Invites,
            Retry = h.Config.Retry,
        };
        var connection = PartnerConnection.Create(config, new EnvironmentSecretSource(name => name == "PR_LEAK_SECRET" ? secret : null), h.Server.BaseAddress,
            new PartnerConnectionOptions { TimeProvider = h.Clock, TransportFactory = () => new TokenSniffer(tokens) });
        connection.Observer = observer;
        return connection;
    }

    /// <summary>The innermost handler: notes each bearer token really sent, so the test knows what to look for.</summary>
    private sealed class TokenSniffer(ConcurrentQueue<string> tokens) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { Length: > 0 } token })
            {
                tokens.Enqueue(token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
