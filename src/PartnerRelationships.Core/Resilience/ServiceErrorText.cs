using System.Text.Json;

namespace PartnerRelationships.Core.Resilience;

/// <summary>Pulls the human message out of either service's error body (Graph: error.message; Partner Center: description).</summary>
public static class ServiceErrorText
{
    /// <summary>
    /// Our advice to retry, unless the service's own message already gives it ("… Retry later."): the error then
    /// reads once, not "Retry later. Try again later.".
    /// </summary>
    public static string RetryAdvice(string? serviceMessage, string advice = " Try again later.") =>
        serviceMessage is not null && (serviceMessage.IndexOf("retry", System.StringComparison.OrdinalIgnoreCase) >= 0
                                       || serviceMessage.IndexOf("try again", System.StringComparison.OrdinalIgnoreCase) >= 0)
            ? ""
            : advice;

    public static string? Extract(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body!);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return Redactor.RedactBody(message.GetString());
            }

            if (root.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
            {
                return Redactor.RedactBody(description.GetString());
            }

            if (root.TryGetProperty("error_description", out var oauth) && oauth.ValueKind == JsonValueKind.String)
            {
                return Redactor.RedactBody(oauth.GetString());
            }
        }
        catch (JsonException)
        {
            // Not JSON: no message to show.
        }

        return null;
    }
}
