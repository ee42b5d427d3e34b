using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PartnerRelationships.Core.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PartnerRelationships.Core.Resilience;

/// <summary>
/// Runs every request through the shared resilience pipeline. Each attempt sends a fresh copy of the request
/// (method, URI, headers, options, body buffered once), so a body is resent intact; responses are read whole inside the
/// attempt (once, into segments that replace their content) so a connection dropped mid-body is retried too. Failures the user should see become
/// <see cref="PartnerRelationshipsException"/>s with stable ids.
/// </summary>
public sealed class ResilientHttpHandler : DelegatingHandler
{
    private const int MaxTracedBodyChars = 64 * 1024;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Func<IRemoteCallObserver?> _observer;
    private readonly TimeProvider _time;
    private readonly AdaptiveRateLimiter? _limiter;

    /// <param name="limiter">The shared limiter of the service and tenant these requests go to; null: no pacing.</param>
    public ResilientHttpHandler(
        ResiliencePipeline<HttpResponseMessage> pipeline,
        TimeProvider timeProvider,
        Func<IRemoteCallObserver?>? observer = null,
        AdaptiveRateLimiter? limiter = null)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _observer = observer ?? (() => null);
        _limiter = limiter;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var path = request.RequestUri is null ? "" : request.RequestUri.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
        var trace = new RemoteCallTrace(request.Method.Method, Redactor.RedactBody(path), _observer(), _time, cancellationToken);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RemoteCallTrace.Key, trace);
        RetryBudget.Of(context, _time); // The call's time budget starts now, not at its first failure.
        if (_limiter is not null)
        {
            context.Properties.Set(AdaptiveRateLimitStrategy.Key, _limiter);
        }
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(
                static (ctx, state) => state.Handler.AttemptAsync(state.Request, state.Body, state.Trace, ctx.CancellationToken),
                context,
                (Handler: this, Request: request, Body: body, Trace: trace)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        trace.Completed();

        if (outcome.Exception is { } exception)
        {
            throw Translate(exception, trace, request, cancellationToken);
        }

        var response = outcome.Result!;
        if (TransientFailure.IsTransientStatus(response.StatusCode))
        {
            throw await ExhaustedAsync(response, trace).ConfigureAwait(false);
        }

        return response;
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage original, byte[]? body, RemoteCallTrace trace, CancellationToken cancellationToken)
    {
        var attemptNumber = trace.BeginAttempt();
        var observer = trace.Observer;
        var traceBodies = observer?.TraceBodies == true;
        var attempt = Clone(original, body);
        HttpResponseMessage? response = null;
        try
        {
            if (traceBodies)
            {
                Report(observer!, RemoteBodyDirection.Request, trace, attemptNumber, AllHeaders(attempt.Headers, attempt.Content?.Headers), body, attempt.Content?.Headers.ContentType);
            }

            response = await base.SendAsync(attempt, cancellationToken).ConfigureAwait(false);
            await BufferAsync(response, cancellationToken).ConfigureAwait(false);
            trace.EndAttempt(response, null);
            if (traceBodies)
            {
                var responseBody = await TracedBodyAsync(response).ConfigureAwait(false);
                Report(observer!, RemoteBodyDirection.Response, trace, attemptNumber, AllHeaders(response.Headers, response.Content?.Headers), responseBody, response.Content?.Headers.ContentType);
            }

            return Outcome.FromResult(response);
        }
        catch (Exception ex)
        {
            response?.Dispose(); // A body cut off mid-read: this attempt's connection is done with.
            trace.EndAttempt(null, ex);
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private static HttpRequestMessage Clone(HttpRequestMessage original, byte[]? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var property in original.Properties)
        {
            copy.Properties[property.Key] = property.Value;
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }

    /// <summary>
    /// Reads the whole response inside the attempt into small segments (<see cref="SegmentedBodyContent"/>), which
    /// replace its content: one copy of the body, which the caller reads as it is (a stream over the segments; our
    /// clients ask for the headers only, so HttpClient does not buffer it again). HttpContent's own buffering, used
    /// before, put every list page on the large-object heap two or three times over as its array doubled.
    /// </summary>
    private static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is not { } content)
        {
            return;
        }

        // The attempt's cancellation (its timeout, the user) ends a read that stalls: disposing the content aborts a
        // read that does not watch the token itself.
        using (cancellationToken.Register(static c => ((HttpContent)c!).Dispose(), content))
        {
            try
            {
                response.Content = await SegmentedBodyContent.ReadAsync(content, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        // Cancelled after the last byte: the content may be disposed, so the attempt is cancelled as a whole.
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The buffered body as bytes for a body trace: a copy, made only when bodies are traced.</summary>
    private static async Task<byte[]?> TracedBodyAsync(HttpResponseMessage response)
        => response.Content is null ? null : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);

    private static IEnumerable<KeyValuePair<string, IEnumerable<string>>> AllHeaders(HttpHeaders headers, HttpContentHeaders? contentHeaders)
        => contentHeaders is null ? headers : headers.Concat(contentHeaders);

    private static void Report(IRemoteCallObserver observer, RemoteBodyDirection direction, RemoteCallTrace trace, int attempt,
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, byte[]? body, MediaTypeHeaderValue? contentType)
    {
        try
        {
            observer.OnBody(new RemoteBodyTrace(direction, trace.Method, trace.Path, attempt, Redactor.RedactHeaders(headers), BodyText(body, contentType)));
        }
        catch
        {
            // Telemetry must never break a call.
        }
    }

    private static string? BodyText(byte[]? body, MediaTypeHeaderValue? contentType)
    {
        if (body is null || body.Length == 0)
        {
            return null;
        }

        var media = contentType?.MediaType ?? "";
        var isText = media.Length == 0 || media.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || media.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0
            || media.IndexOf("xml", StringComparison.OrdinalIgnoreCase) >= 0
            || media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isText)
        {
            return $"<{body.Length} bytes of {media}>";
        }

        var text = Encoding.UTF8.GetString(body);
        if (text.Length > MaxTracedBodyChars)
        {
            text = text.Substring(0, MaxTracedBodyChars) + $"… <{text.Length - MaxTracedBodyChars} more characters>";
        }

        return Redactor.RedactBody(text);
    }

    private Exception Translate(Exception exception, RemoteCallTrace trace, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = $"{trace.Method} {trace.Path}";
        var host = request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.Host : "the service";
        switch (exception)
        {
            case BrokenCircuitException broken:
                var wait = broken.RetryAfter ?? TimeSpan.Zero;
                var at = _time.GetUtcNow() + wait;
                return new PartnerRelationshipsException(
                    ErrorIds.Remote.ServiceUnavailable,
                    ErrorKind.ResourceUnavailable,
                    $"The service at {host} has failed repeatedly; try again after {at:HH:mm:ss} UTC (in {Math.Ceiling(wait.TotalSeconds):0} seconds).",
                    host,
                    exception);
            case TimeoutRejectedException timeout:
                return new PartnerRelationshipsException(
                    ErrorIds.Remote.RemoteTimeout,
                    ErrorKind.OperationTimeout,
                    $"{call} timed out after {timeout.Timeout.TotalSeconds:0.###} seconds ({Attempts(trace)}). Try again later, or raise Retry.AttemptTimeout / Retry.TotalTimeout in the configuration.",
                    call,
                    exception);
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                break; // The user stopped it (Ctrl+C): let cancellation flow as it is.
            case HttpRequestException or IOException:
                return new PartnerRelationshipsException(
                    ErrorIds.Remote.RemoteConnectionFailed,
                    ErrorKind.ConnectionError,
                    $"Could not complete {call} with {host} ({Attempts(trace)}): {exception.Message} Check the network or proxy and try again.",
                    call,
                    exception);
        }

        ExceptionDispatchInfo.Capture(exception).Throw();
        return exception; // Unreachable.
    }

    private static async Task<Exception> ExhaustedAsync(HttpResponseMessage response, RemoteCallTrace trace)
    {
        string? body = null;
        if (response.Content is not null)
        {
            body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }

        response.Dispose();
        var status = (int)response.StatusCode;
        var serviceMessage = ServiceErrorText.Extract(body);
        var detail = serviceMessage is null ? "" : $" The service said: {serviceMessage}";
        var call = $"{trace.Method} {trace.Path}";
        return status switch
        {
            429 => new PartnerRelationshipsException(
                ErrorIds.Remote.RemoteThrottled,
                ErrorKind.LimitsExceeded,
                $"The service kept throttling {call} (HTTP 429, {Attempts(trace)}).{detail} Wait a few minutes and try again; Retry.TotalTimeout in the configuration bounds how long a throttled call keeps waiting.",
                call),
            408 => new PartnerRelationshipsException(
                ErrorIds.Remote.RemoteTimeout,
                ErrorKind.OperationTimeout,
                $"The service timed out answering {call} (HTTP 408, {Attempts(trace)}).{detail}{ServiceErrorText.RetryAdvice(serviceMessage)}",
                call),
            _ => new PartnerRelationshipsException(
                ErrorIds.Remote.RemoteServiceError,
                ErrorKind.ResourceUnavailable,
                $"The service failed to answer {call} (HTTP {status} {response.ReasonPhrase}, {Attempts(trace)}).{detail}{ServiceErrorText.RetryAdvice(serviceMessage)}",
                call),
        };
    }

    private static string Attempts(RemoteCallTrace trace) => trace.Attempts == 1 ? "1 attempt" : $"{trace.Attempts} attempts";
}
