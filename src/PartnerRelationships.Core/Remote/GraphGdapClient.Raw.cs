using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Calls whose status code and headers matter (202 Accepted + Location + Retry-After) or whose documented answers the
/// SDK's model parsing does not survive (<c>"activatedDateTime": ""</c>): sent through the same request adapter
/// (authentication) and HttpClient (middleware, resilience), read by our own readers.
/// </summary>
public sealed partial class GraphGdapClient
{
    /// <summary>How long a call waits for a long-running operation before it reports it still in progress.</summary>
    public TimeSpan OperationWaitLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When a 202 gives no Retry-After (the doc's example gives 10 s).</summary>
    internal static readonly TimeSpan DefaultOperationPoll = TimeSpan.FromSeconds(10);

    /// <summary>The longest single wait between polls, whatever Retry-After says.</summary>
    internal static readonly TimeSpan MaxOperationPoll = TimeSpan.FromSeconds(60);

    private sealed record RawResponse(int Status, Uri? Location, TimeSpan? RetryAfter, ArraySegment<byte> Body)
    {
        public bool HasBody => Body.Count > 0 && !Utf8JsonReading.IsBlank(Body.AsSpan());
    }

    private async Task<RawResponse> SendRawAsync(RequestInformation request, string operation, object? target, CancellationToken cancellationToken)
    {
        request.Headers.TryAdd("Accept", "application/json");
        var raw = await CallAsync(operation, target, async () =>
        {
            using var message = await _graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(request, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The request adapter made no HTTP request.");
            // Headers only: the resilience handler has already read the body whole (HttpClient would copy it once more).
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            ArraySegment<byte> body;
            if (response.Content is null)
            {
                body = new ArraySegment<byte>(Array.Empty<byte>());
            }
            else
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                body = await ResponseBody.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            var status = (int)response.StatusCode;
            if (status >= 400)
            {
                var (code, said) = GraphObjectReader.ReadError(body.AsSpan());
                throw RemoteErrors.FromStatus(status, operation, code, said ?? response.ReasonPhrase, target);
            }

            return new RawResponse(status, response.Headers.Location, RetryAfter(response), body);
        }).ConfigureAwait(false);
        return raw!;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - _time.GetUtcNow();
        return null;
    }

    private static T Read<T>(string operation, object? target, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData,
                $"{operation}: Microsoft Graph answered with something that is not the expected JSON ({ex.Message}). Try again; if it persists, the service changed its format.", target, ex);
        }
    }

    /// <summary>
    /// Follows a 202's operation (delegatedadminrelationshipoperation-get): waits as Retry-After says (at least a
    /// second, at most <see cref="MaxOperationPoll"/>), polls until it succeeds or fails, and stops at
    /// <see cref="OperationWaitLimit"/> with the operation as last seen (not finished). Cancellable at every wait.
    /// </summary>
    private async Task<RemoteOperationInfo> FollowOperationAsync(string relationshipId, RawResponse accepted, string what, CancellationToken cancellationToken)
    {
        var operationId = OperationId(accepted.Location)
            ?? throw new PartnerRelationshipsException(ErrorIds.Remote.RemoteInvalidResponse, ErrorKind.InvalidData,
                $"{what}: Microsoft Graph accepted the change (202) but gave no operation to follow (Location '{accepted.Location}'). Read the object again later to see whether it took effect.", relationshipId);
        var last = new RemoteOperationInfo { Id = operationId, RelationshipId = relationshipId, Status = RemoteOperationInfo.NotStarted };
        var deadline = _time.GetUtcNow() + OperationWaitLimit;
        var wait = PollDelay(accepted.RetryAfter);
        while (true)
        {
            var now = _time.GetUtcNow();
            if (now + wait > deadline)
            {
                return last; // Still in progress: the caller reports it as such.
            }

            await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
            var request = Relationships[relationshipId].Operations[operationId].ToGetRequestInformation();
            var answer = await SendRawAsync(request, $"{what}: check operation {operationId}", relationshipId, cancellationToken).ConfigureAwait(false);
            last = Read(what, relationshipId, () => GraphObjectReader.ReadOperation(answer.Body.AsSpan(), relationshipId));
            if (last.IsFinished)
            {
                return last;
            }

            wait = PollDelay(answer.RetryAfter ?? accepted.RetryAfter); // a poll without Retry-After keeps the 202's pace
        }
    }

    private static TimeSpan PollDelay(TimeSpan? retryAfter)
    {
        var wait = retryAfter ?? DefaultOperationPoll;
        if (wait < TimeSpan.FromSeconds(1)) return TimeSpan.FromSeconds(1);
        return wait > MaxOperationPoll ? MaxOperationPoll : wait;
    }

    /// <summary>The operation id: the last segment of …/delegatedAdminRelationships/{id}/operations/{operationId}.</summary>
    internal static string? OperationId(Uri? location)
    {
        if (location is null) return null;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        var segments = path.TrimEnd('/').Split('/');
        return segments.Length >= 2 && string.Equals(segments[segments.Length - 2], "operations", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(segments[segments.Length - 1])
            : null;
    }

    private static PartnerRelationshipsException OperationFailed(RemoteOperationInfo operation, string what, object? target)
        => new(ErrorIds.Remote.RemoteOperationFailed, ErrorKind.InvalidOperation,
            $"{what}: Microsoft Graph accepted the change but its operation {operation.Id} failed; nothing changed. Read the current state and try again.", target);
}
