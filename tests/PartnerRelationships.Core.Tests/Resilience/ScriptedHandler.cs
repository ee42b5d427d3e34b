using System.Net;
using System.Text;

namespace PartnerRelationships.Core.Tests.Resilience;

/// <summary>A fake server: answers requests with scripted steps, in order, and records what it received.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _steps = new();

    public List<RecordedRequest> Received { get; } = new();

    public ScriptedHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public ScriptedHandler ThenStatus(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null)
        => Then((_, _) =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public ScriptedHandler ThenThrow(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers; only the caller's cancellation (a timeout) ends it.</summary>
    public ScriptedHandler ThenHang() => Then(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Received)
        {
            Received.Add(new RecordedRequest(
                request.Method.Method,
                request.RequestUri!,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
                body,
                request.Content?.Headers.ContentType?.ToString()));
        }

        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step;
        lock (_steps)
        {
            step = _steps.Count > 0 ? _steps.Dequeue() : throw new InvalidOperationException($"No scripted answer for {request.Method} {request.RequestUri}");
        }

        var response = await step(request, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }
}

public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, string? ContentType);
