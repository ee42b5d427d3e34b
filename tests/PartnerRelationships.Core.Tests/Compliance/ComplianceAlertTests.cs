using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PartnerRelationships.Core.Compliance;
using PartnerRelationships.Core.Compliance.Alerts;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Tests.Resilience;
using PartnerRelationships.TestKit;

namespace PartnerRelationships.Core.Tests.Compliance;

public sealed class ComplianceAlertTests
{
    private const string Secret = "sig-SECRET-0f1e2d3c";

    [Fact]
    public void Nothing_new_at_warning_or_above_sends_nothing()
    {
        var result = ReportTestData.Result(
            ReportTestData.Finding("PR004", FindingSeverity.Error, "Old", "old error", isNew: false),
            ReportTestData.Finding("PR007", FindingSeverity.Info, "New Info", "new info"));

        Assert.Null(ComplianceAlert.For(result));
    }

    [Fact]
    public void Carries_the_summary_and_the_new_errors_and_warnings_as_a_Teams_card_and_as_data()
    {
        var result = ReportTestData.Result(
            ReportTestData.Finding("PR004", FindingSeverity.Error, "Delta Bank", "Delta grants Global Administrator"),
            ReportTestData.Finding("PR001", FindingSeverity.Warning, "Juliet", "pending for 20 days"),
            ReportTestData.Finding("PR002", FindingSeverity.Warning, "Old Ltd", "old warning", isNew: false),
            ReportTestData.Finding("PR007", FindingSeverity.Info, "Info Ltd", "new info"));

        using var doc = JsonDocument.Parse(ComplianceAlert.For(result)!.ToJson());

        var root = doc.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("Partner compliance: 2 new (1 error, 1 warning)", root.GetProperty("summary").GetString());
        var attachment = root.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        var texts = card.GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()).ToList();
        Assert.Contains(texts, t => t!.StartsWith("Error PR004 · Delta Bank: Delta grants Global Administrator", StringComparison.Ordinal));
        Assert.Contains(texts, t => t!.Contains("4 finding(s) in all: 1 error(s), 2 warning(s), 1 info; 3 new since 2025-02-28 02:00 UTC"));
        Assert.DoesNotContain(texts, t => t!.Contains("old warning") || t!.Contains("new info"));

        var data = root.GetProperty("partnerRelationships");
        Assert.Equal(1, data.GetProperty("summary").GetProperty("newError").GetInt32());
        Assert.Equal(1, data.GetProperty("summary").GetProperty("newWarning").GetInt32());
        Assert.Equal(new[] { "PR004", "PR001" }, data.GetProperty("newFindings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
    }

    [Fact]
    public async Task Posts_the_alert_to_a_loopback_listener_as_JSON()
    {
        using var listener = Listen(out var address);
        var alert = ComplianceAlert.For(ReportTestData.Result(ReportTestData.Finding("PR004", FindingSeverity.Error, "Delta Bank", "GA")))!;
        var received = Receive(listener, HttpStatusCode.Accepted);

        using var sender = new ComplianceAlertSender(new RetrySettings(), TimeProvider.System);
        await sender.SendAsync(address, alert, "compliance.alert.webhookUrlVariable (PR_HOOK)");

        var (method, contentType, path, body) = await received;
        Assert.Equal("POST", method);
        Assert.StartsWith("application/json", contentType);
        Assert.Contains(Secret, path);
        Assert.Equal(alert.ToJson(), body);
    }

    [Fact]
    public async Task A_refusing_or_unreachable_webhook_is_a_clear_error_that_never_shows_the_address()
    {
        using var listener = Listen(out var address);
        var alert = ComplianceAlert.For(ReportTestData.Result(ReportTestData.Finding("PR004", FindingSeverity.Error, "Delta Bank", "GA")))!;
        var received = Receive(listener, HttpStatusCode.BadRequest);

        // One attempt: a refused connection is retried like any other, and this test is about the message.
        using var sender = new ComplianceAlertSender(new RetrySettings { MaxAttempts = 1 }, TimeProvider.System);
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => sender.SendAsync(address, alert, "compliance.alert.webhookUrlVariable (PR_HOOK)"));
        await received;

        Assert.Equal("ComplianceAlertFailed", error.ErrorId);
        Assert.Contains("answered 400", error.Message);
        Assert.Contains("PR_HOOK", error.Message);
        Assert.Contains("does not resend this alert", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());

        listener.Stop();
        var unreachable = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => sender.SendAsync(address, alert, "compliance.alert.webhookUrlVariable (PR_HOOK)"));
        Assert.Equal(ErrorKind.ConnectionError, unreachable.Category);
        Assert.Contains("could not be reached", unreachable.Message);
        Assert.DoesNotContain(Secret, unreachable.ToString());
        Assert.DoesNotContain(address.Authority, unreachable.ToString());
    }

    [Fact]
    public async Task A_throttled_or_failing_webhook_is_retried_until_it_takes_the_alert()
    {
        var alert = ComplianceAlert.For(ReportTestData.Result(ReportTestData.Finding("PR004", FindingSeverity.Error, "Delta Bank", "GA")))!;
        var server = new ScriptedHandler()
            .ThenStatus((HttpStatusCode)429, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .ThenStatus(HttpStatusCode.ServiceUnavailable)
            .ThenThrow(new HttpRequestException("connection reset"))
            .ThenStatus(HttpStatusCode.Accepted);
        var clock = new TestClock();
        using var sender = new ComplianceAlertSender(new RetrySettings(), clock, server);

        var send = sender.SendAsync(new Uri($"https://example.test/workflows/invoke?sig={Secret}"), alert, "compliance.alert.webhookUrlVariable (PR_HOOK)");
        var waits = await clock.DriveAsync(send, ResilienceHarness.RetryWait);
        await send;

        Assert.Equal(4, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal(Encoding.UTF8.GetString(alert.ToJson()), r.Body));
        Assert.Equal(TimeSpan.FromSeconds(7), waits[0]);
        Assert.Equal(3, waits.Count);
    }

    [Theory]
    [InlineData(500, "answered with a server error on every attempt", true)]
    [InlineData(429, "kept answering 429", false)]
    public async Task A_webhook_that_never_takes_it_fails_after_the_retries_without_showing_the_address(int status, string what, bool usesUpAttempts)
    {
        var alert = ComplianceAlert.For(ReportTestData.Result(ReportTestData.Finding("PR004", FindingSeverity.Error, "Delta Bank", "GA")))!;
        var server = new ScriptedHandler();
        for (var i = 0; i < 100; i++)
        {
            server.ThenStatus((HttpStatusCode)status, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(20)));
        }

        var settings = new RetrySettings();
        var clock = new TestClock();
        using var sender = new ComplianceAlertSender(settings, clock, server);

        var send = sender.SendAsync(new Uri($"https://example.test/workflows/invoke?sig={Secret}"), alert, "compliance.alert.webhookUrlVariable (PR_HOOK)");
        await clock.DriveAsync(send, ResilienceHarness.RetryWait);
        var error = await Assert.ThrowsAsync<PartnerRelationshipsException>(() => send);

        Assert.Equal("ComplianceAlertFailed", error.ErrorId);
        Assert.Contains(what, error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain("example.test", error.ToString());
        Assert.Null(error.InnerException);
        if (usesUpAttempts)
        {
            Assert.Equal(settings.MaxAttempts, server.Received.Count);
        }
        else
        {
            // Throttled posts do not use up the attempts: they go on until Retry.TotalTimeout (5 minutes of 20 s waits).
            Assert.InRange(server.Received.Count, 10, 16);
        }
    }

    [Fact]
    public void The_address_comes_from_the_variable_or_the_vault_and_errors_never_repeat_it()
    {
        var fromVariable = WebhookAddress.Resolve(new AlertSettings { WebhookUrlVariable = "PR_HOOK" },
            name => name == "PR_HOOK" ? $"https://example.test/workflows/run?{Secret}=1" : null, null);
        Assert.Equal("example.test", fromVariable.Host);

        var fromVault = WebhookAddress.Resolve(new AlertSettings { SecretVault = "Vault", SecretName = "Hook" },
            _ => null, (vault, name) => vault == "Vault" && name == "Hook" ? "https://example.test/hook" : null);
        Assert.Equal("/hook", fromVault.AbsolutePath);

        var missing = Assert.Throws<PartnerRelationshipsException>(() => WebhookAddress.Resolve(new AlertSettings { WebhookUrlVariable = "PR_HOOK" }, _ => null, null));
        Assert.Equal("AlertWebhookMissing", missing.ErrorId);
        Assert.Contains("PR_HOOK", missing.Message);

        var invalid = Assert.Throws<PartnerRelationshipsException>(() =>
            WebhookAddress.Resolve(new AlertSettings { WebhookUrlVariable = "PR_HOOK" }, _ => "not an address " + Secret, null));
        Assert.Equal("AlertWebhookInvalid", invalid.ErrorId);
        Assert.DoesNotContain(Secret, invalid.ToString());

        Assert.True(WebhookAddress.LooksSigned(new Uri("https://prod.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=abc")));
        Assert.False(WebhookAddress.LooksSigned(new Uri("https://relay.example.test/alerts")));
    }

    [Fact]
    public void The_configuration_names_the_webhook_by_reference_and_refuses_a_signed_address_in_the_file()
    {
        const string Partner = "partner:\n  tenantId: 6f1b3c2a-0d4e-4f5a-9b8c-7d6e5f4a3b2c\n  mpnId: '1'\n  name: X\n";
        var config = ConfigLoader.Parse(Partner + "compliance:\n  alert:\n    webhookUrlVariable: PR_HOOK\n", "test.yaml", Path.GetTempPath());
        Assert.Equal("PR_HOOK", config.Compliance.Alert.WebhookUrlVariable);
        Assert.True(config.Compliance.Alert.IsConfigured);

        var error = Assert.Throws<PartnerRelationshipsException>(() => ConfigLoader.Parse(
            Partner + $"compliance:\n  alert:\n    webhookUrl: https://example.test/invoke?sp=x&{Secret}=1&sig=abc\n", "test.yaml", Path.GetTempPath()));
        Assert.Equal(ErrorKind.SecurityError, error.Category);
        Assert.Contains("compliance.alert.webhookUrl", error.Message);
        Assert.DoesNotContain("abc", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    private static HttpListener Listen(out Uri address)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        address = new Uri($"http://127.0.0.1:{port}/workflows/{Secret}/invoke?{Secret}=1");
        return listener;
    }

    private static async Task<(string Method, string? ContentType, string Path, byte[] Body)> Receive(HttpListener listener, HttpStatusCode answer)
    {
        var context = await listener.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var request = (context.Request.HttpMethod, context.Request.ContentType, context.Request.RawUrl ?? "", body.ToArray());
        context.Response.StatusCode = (int)answer;
        context.Response.Close();
        return request;
    }
}
