using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>Partner Center's error body: {"code": 600011, "description": "...", "errorName": "..."}.</summary>
internal static class PartnerCenterErrors
{
    public static Task WriteAsync(HttpContext context, int status, int code, string errorName, string description)
    {
        var body = new JsonObject
        {
            ["code"] = code,
            ["description"] = description,
            ["errorName"] = errorName,
            ["isRetryable"] = status is 429 or >= 500,
            ["data"] = new JsonArray(),
            ["source"] = "PartnerApiSandbox",
        };
        return JsonResponses.WriteAsync(context, status, body);
    }
}
