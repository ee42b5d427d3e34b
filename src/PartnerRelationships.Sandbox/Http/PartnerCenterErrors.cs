using System.Text.Json.Nodes;

namespace PartnerRelationships.Sandbox.Http;

/// <summary>
/// Partner Center's error bodies, both documented shapes (page "error-codes" and, for the newer one, the example on
/// confirm-customer-consent-customer-agreement): classic {"code", "description", "data", "source"} with no errorName,
/// and newer {"code", "message", "description", "errorName", "isRetryable", "parameters"}.
/// </summary>
internal static class PartnerCenterErrors
{
    public static Task WriteAsync(HttpContext context, int status, int code, string errorName, string description)
    {
        var body = string.IsNullOrEmpty(errorName)
            ? new JsonObject
            {
                ["code"] = code,
                ["description"] = description,
                ["data"] = new JsonArray(),
                ["source"] = "PartnerFD",
            }
            : new JsonObject
            {
                ["code"] = code,
                ["message"] = description,
                ["description"] = description,
                ["errorName"] = errorName,
                ["isRetryable"] = status is 429 or >= 500,
                ["parameters"] = new JsonObject(),
            };
        return JsonResponses.WriteAsync(context, status, body);
    }
}
