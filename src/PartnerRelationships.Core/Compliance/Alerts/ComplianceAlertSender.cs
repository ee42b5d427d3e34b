using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Resilience;

namespace PartnerRelationships.Core.Compliance.Alerts;

/// <summary>
/// Posts an alert to the webhook through the product's resilience pipeline: a throttled endpoint (Teams asks callers
/// to back off on 429), a server error and a dropped connection are retried as for the services (Retry-After honoured
/// when given), within Retry.MaxAttempts and Retry.TotalTimeout; docs/wire-contract.md has the choice. The news is
/// sent once per run: by the time the alert goes, a recorded run no longer counts these findings as new, so a lost
/// alert would not come again. The cost is that an alert whose answer was lost may arrive twice; a duplicate message
/// beats a missing one. Failures say where the address came from and what the endpoint answered, never the address
/// (it may carry the workflow's signature), and never a stack trace.
/// </summary>
public sealed class ComplianceAlertSender : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="retry">The configuration's Retry section: attempts, backoff and timeouts.</param>
    /// <param name="time">All waits (backoff, Retry-After, timeouts) use it; tests pass a fake clock.</param>
    /// <param name="handler">The HTTP stack under the pipeline; null means a plain one (tests pass their own).</param>
    public ComplianceAlertSender(RetrySettings retry, TimeProvider time, HttpMessageHandler? handler = null)
    {
        if (retry is null) throw new ArgumentNullException(nameof(retry));
        if (time is null) throw new ArgumentNullException(nameof(time));
        var chain = new HttpHandlerChainBuilder(ResiliencePipelineFactory.Create(retry, time), time).Over(handler).Build();

        // The pipeline's attempt and total timeouts apply, not HttpClient's own.
        _http = new HttpClient(chain) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <param name="source">Where the address came from (e.g. compliance.alert.webhookUrlVariable (NAME)), for messages.</param>
    public async Task SendAsync(Uri webhook, ComplianceAlert alert, string source, CancellationToken cancellationToken = default)
    {
        if (webhook is null) throw new ArgumentNullException(nameof(webhook));
        if (alert is null) throw new ArgumentNullException(nameof(alert));

        using var content = new ByteArrayContent(alert.ToJson());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(webhook, content, cancellationToken).ConfigureAwait(false);
        }
        catch (PartnerRelationshipsException e)
        {
            // The pipeline's own message names the call (the address): only what happened is reported.
            throw Failed(source, What(e), e.Category);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(source, $"answered {(int)response.StatusCode} {response.ReasonPhrase}", ErrorKind.ConnectionError);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static string What(PartnerRelationshipsException e) => e.ErrorId switch
    {
        ErrorIds.Remote.RemoteThrottled => "kept answering 429 (too many requests) until the retries ran out",
        ErrorIds.Remote.RemoteTimeout => "did not answer in time, on any attempt",
        ErrorIds.Remote.RemoteServiceError => "answered with a server error on every attempt",
        ErrorIds.Remote.ServiceUnavailable => "has failed repeatedly and is being left alone for a while",
        _ => "could not be reached (the connection failed on every attempt)",
    };

    private static PartnerRelationshipsException Failed(string source, string what, ErrorKind kind) => new(
        ErrorIds.Compliance.ComplianceAlertFailed,
        kind,
        $"The alert webhook (address from {source}) {what}. The check ran, and its findings and reports were written, " +
        "the new findings marked as new; a recorded run does not count them as new again, so the next run does not resend this alert. " +
        "Check the webhook (for a Teams workflow: that it is on and its address is current) before the next run.",
        source);
}
