using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Microsoft Graph's error body: {"error":{"code","message","innerError":{date, request-id, client-request-id}}}.</summary>
internal static class GraphErrors
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        var requestId = context.Response.Headers["request-id"].ToString();
        if (string.IsNullOrEmpty(requestId))
        {
            requestId = Guid.NewGuid().ToString();
        }

        var clientRequestId = context.Request.Headers["client-request-id"].ToString();
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = string.IsNullOrEmpty(clientRequestId) ? requestId : clientRequestId,
                },
            },
        };
        return JsonResponses.WriteAsync(context, status, body);
    }
}
