using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Reading request bodies and writing JSON responses.</summary>
internal static class JsonResponses
{
    // Relaxed escaping: quotes in ETags and apostrophes in names stay readable, as the real services send them.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is null)
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>The request body as a JSON object; an empty body is an empty object.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length == 0)
            {
                return new JsonObject();
            }

            buffer.Position = 0;
            return JsonNode.Parse(buffer) as JsonObject
                   ?? throw State.SandboxRuleException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw State.SandboxRuleException.BadRequest($"The request body is not valid JSON: {ex.Message}");
        }
    }

    public static string? String(JsonObject? o, string name)
    {
        if (o is null || !o.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }

        throw State.SandboxRuleException.BadRequest($"The property '{name}' must be a string.");
    }

    public static JsonObject? Object(JsonObject? o, string name)
    {
        if (o is null || !o.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        return node as JsonObject ?? throw State.SandboxRuleException.BadRequest($"The property '{name}' must be an object.");
    }

    public static bool? Bool(JsonObject? o, string name)
    {
        if (o is null || !o.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<bool>(out var b))
        {
            return b;
        }

        throw State.SandboxRuleException.BadRequest($"The property '{name}' must be true or false.");
    }

    public static double? Number(JsonObject? o, string name)
    {
        if (o is null || !o.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<double>(out var d))
        {
            return d;
        }

        throw State.SandboxRuleException.BadRequest($"The property '{name}' must be a number.");
    }

    /// <summary>Role ids from an accessDetails object ({unifiedRoles:[{roleDefinitionId}]}); null when absent.</summary>
    public static IReadOnlyList<string>? RoleIds(JsonObject? accessDetails)
    {
        if (accessDetails is null || !accessDetails.TryGetPropertyValue("unifiedRoles", out var node) || node is null)
        {
            return accessDetails is null ? null : Array.Empty<string>();
        }

        if (node is not JsonArray array)
        {
            throw State.SandboxRuleException.BadRequest("accessDetails.unifiedRoles must be an array of {\"roleDefinitionId\": \"...\"}.");
        }

        return array.Select(item => String(item as JsonObject, "roleDefinitionId")
                                    ?? throw State.SandboxRuleException.BadRequest("Every unifiedRoles entry needs a roleDefinitionId."))
            .ToArray();
    }

    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Date(DateTimeOffset? value) => value is { } v ? JsonValue.Create(Date(v)) : null;
}
