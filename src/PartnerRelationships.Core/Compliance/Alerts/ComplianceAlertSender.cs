using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Compliance.Alerts;

/// <summary>
/// Posts an alert to the webhook. Failures say where the address came from and what the endpoint answered, never the
/// address (it may carry the workflow's signature), and never a stack trace.
/// </summary>
public sealed class ComplianceAlertSender : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    /// <param name="handler">The HTTP stack; null means a plain one (tests pass their own).</param>
    public ComplianceAlertSender(HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = timeout ?? DefaultTimeout;
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
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(source, $"did not answer within {_http.Timeout.TotalSeconds:0} s", ErrorKind.OperationTimeout);
        }
        catch (HttpRequestException)
        {
            // The exception's text may name the address: only its kind is reported.
            throw Failed(source, "could not be reached (the connection failed)", ErrorKind.ConnectionError);
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

    private static PartnerRelationshipsException Failed(string source, string what, ErrorKind kind) => new(
        ErrorIds.Compliance.ComplianceAlertFailed,
        kind,
        $"The alert webhook (address from {source}) {what}. The check ran, and its findings and reports were written; " +
        "check the webhook (for a Teams workflow: that it is on and its address is current) and run again.",
        source);
}
