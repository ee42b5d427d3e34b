using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace PartnerRelationships.Core.Tests.Remote;

/// <summary>
/// A small in-memory Graph (GDAP subset of remote-api.md) behind an HttpMessageHandler, with scripted faults.
/// The real GraphServiceClient talks to it unchanged.
/// </summary>
public sealed class FakeGraphServer : HttpMessageHandler
{
    public const string BaseUrl = "https://graph.test/v1.0";
    private readonly object _gate = new();
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage?>> _faults = new();
    private int _nextId = 1;
    private int _etag = 1;

    public List<FakeRelationship> Relationships { get; } = new();
    public List<(string Method, string PathAndQuery, string? Body, string? Authorization)> Requests { get; } = new();
    public int PageSize { get; set; } = 100;

    /// <summary>The next create is recorded, then its response is lost (the connection drops).</summary>
    public bool LoseNextCreateResponse { get; set; }

    /// <summary>Called before answering a list request (page index from 0); lets a test observe streaming.</summary>
    public Action<int>? OnListPage { get; set; }

    public List<JsonObject> Customers { get; } = new();
    public List<JsonObject> Contracts { get; } = new();

    /// <summary>The next request gets this answer instead (null from the fault: handled normally).</summary>
    public FakeGraphServer Fault(Func<HttpRequestMessage, HttpResponseMessage?> fault)
    {
        lock (_gate) _faults.Enqueue(fault);
        return this;
    }

    public FakeGraphServer Fault(HttpStatusCode status, TimeSpan? retryAfter = null) => Fault(_ =>
    {
        var response = Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = status.ToString(), ["message"] = "Injected fault." } });
        if (retryAfter is { } wait) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        return response;
    });

    public FakeRelationship Add(string displayName, string status = "created", string? customerTenantId = null, params string[] roles)
    {
        lock (_gate)
        {
            var relationship = new FakeRelationship
            {
                Id = $"rel-{_nextId++}",
                DisplayName = displayName,
                Status = status,
                CustomerTenantId = customerTenantId,
                Roles = roles.Length == 0 ? new List<string> { "29232cdf-9323-42fd-ade2-1d097af3e4de" } : roles.ToList(),
                ETag = NewETag(),
            };
            Relationships.Add(relationship);
            return relationship;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        Func<HttpRequestMessage, HttpResponseMessage?>? fault = null;
        lock (_gate)
        {
            Requests.Add((request.Method.Method, request.RequestUri.PathAndQuery, body, request.Headers.Authorization?.ToString()));
            if (_faults.Count > 0) fault = _faults.Dequeue();
        }

        var faulted = fault?.Invoke(request);
        if (faulted is not null) return faulted;

        const string prefix = "/v1.0/";
        if (!path.StartsWith(prefix)) return Error(HttpStatusCode.NotFound, "notFound", "No such path.");
        var segments = path.Substring(prefix.Length).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        lock (_gate)
        {
            return Route(request.Method.Method, segments, query, body, request);
        }
    }

    private HttpResponseMessage Route(string method, string[] s, System.Collections.Specialized.NameValueCollection query, string? body, HttpRequestMessage request)
    {
        if (s is ["contracts"] && method == "GET") return Page(Contracts.Cast<JsonNode>().ToList(), query, "contracts");
        if (s is ["tenantRelationships", "delegatedAdminCustomers"] && method == "GET") return Page(Customers.Cast<JsonNode>().ToList(), query, "tenantRelationships/delegatedAdminCustomers");
        if (s.Length < 2 || s[0] != "tenantRelationships" || s[1] != "delegatedAdminRelationships") return Error(HttpStatusCode.NotFound, "notFound", "No such path.");

        if (s.Length == 2)
        {
            return method switch
            {
                "GET" => Page(Filter(query["$filter"]).Select(r => (JsonNode)r.ToJson()).ToList(), query, "tenantRelationships/delegatedAdminRelationships"),
                "POST" => Create(JsonNode.Parse(body!)!.AsObject()),
                _ => Error(HttpStatusCode.MethodNotAllowed, "methodNotAllowed", "No."),
            };
        }

        var relationship = Relationships.FirstOrDefault(r => r.Id == s[2]);
        if (relationship is null) return Error(HttpStatusCode.NotFound, "notFound", $"Relationship {s[2]} does not exist.");

        if (s.Length == 3)
        {
            switch (method)
            {
                case "GET":
                    return Json(HttpStatusCode.OK, relationship.ToJson());
                case "PATCH":
                    if (request.Headers.IfMatch.ToString() != relationship.ETag) return Error(HttpStatusCode.PreconditionFailed, "preconditionFailed", "The ETag does not match.");
                    var patch = JsonNode.Parse(body!)!.AsObject();
                    if (patch["autoExtendDuration"] is { } autoExtend) relationship.AutoExtendDuration = autoExtend.GetValue<string>();
                    relationship.ETag = NewETag();
                    return Json(HttpStatusCode.OK, relationship.ToJson());
            }
        }

        if (s.Length == 4 && s[3] == "requests" && method == "POST")
        {
            var action = JsonNode.Parse(body!)!["action"]!.GetValue<string>();
            if (action == "lockForApproval")
            {
                if (relationship.Status != "created") return Error(HttpStatusCode.BadRequest, "badRequest", "The relationship is not in the created state.");
                relationship.Status = "approvalPending";
            }
            else if (action == "terminate")
            {
                relationship.Status = "terminationRequested";
            }

            relationship.ETag = NewETag();
            return Json(HttpStatusCode.Created, new JsonObject { ["id"] = $"req-{_nextId++}", ["action"] = action, ["status"] = "created" });
        }

        if (s.Length == 4 && s[3] == "accessAssignments")
        {
            if (method == "GET") return Page(relationship.Assignments.Select(a => (JsonNode)a.DeepClone()).ToList(), query, $"tenantRelationships/delegatedAdminRelationships/{relationship.Id}/accessAssignments");
            if (method == "POST")
            {
                var assignment = JsonNode.Parse(body!)!.AsObject();
                assignment["id"] = $"asg-{_nextId++}";
                assignment["status"] = "pending";
                assignment["@odata.etag"] = NewETag();
                relationship.Assignments.Add(assignment);
                return Json(HttpStatusCode.Created, assignment.DeepClone());
            }
        }

        if (s.Length == 5 && s[3] == "accessAssignments" && method == "PATCH")
        {
            var assignment = relationship.Assignments.FirstOrDefault(a => a["id"]!.GetValue<string>() == s[4]);
            if (assignment is null) return Error(HttpStatusCode.NotFound, "notFound", "No such assignment.");
            if (request.Headers.IfMatch.ToString() != assignment["@odata.etag"]!.GetValue<string>()) return Error(HttpStatusCode.PreconditionFailed, "preconditionFailed", "The ETag does not match.");
            assignment["accessDetails"] = JsonNode.Parse(body!)!["accessDetails"]!.DeepClone();
            assignment["@odata.etag"] = NewETag();
            return Json(HttpStatusCode.OK, assignment.DeepClone());
        }

        return Error(HttpStatusCode.BadRequest, "badRequest", "Unsupported call.");
    }

    private HttpResponseMessage Create(JsonObject body)
    {
        var displayName = body["displayName"]?.GetValue<string>() ?? "";
        if (Relationships.Any(r => r.DisplayName == displayName))
        {
            return Error(HttpStatusCode.BadRequest, "badRequest", "A relationship with this displayName already exists.");
        }

        var relationship = new FakeRelationship
        {
            Id = $"rel-{_nextId++}",
            DisplayName = displayName,
            Status = "created",
            CustomerTenantId = body["customer"]?["tenantId"]?.GetValue<string>(),
            CustomerName = body["customer"]?["displayName"]?.GetValue<string>(),
            Roles = body["accessDetails"]!["unifiedRoles"]!.AsArray().Select(r => r!["roleDefinitionId"]!.GetValue<string>()).ToList(),
            Duration = body["duration"]?.GetValue<string>() ?? "P730D",
            AutoExtendDuration = body["autoExtendDuration"]?.GetValue<string>() ?? "PT0S",
            ETag = NewETag(),
        };
        Relationships.Add(relationship);
        if (LoseNextCreateResponse)
        {
            LoseNextCreateResponse = false;
            throw new HttpRequestException("The connection was reset after the request was sent.");
        }

        return Json(HttpStatusCode.Created, relationship.ToJson());
    }

    private IEnumerable<FakeRelationship> Filter(string? filter)
    {
        IEnumerable<FakeRelationship> result = Relationships;
        if (string.IsNullOrEmpty(filter)) return result;
        foreach (var clause in filter.Split(" and "))
        {
            var parts = clause.Split(" eq ", 2);
            var value = parts[1].Trim().Trim('\'').Replace("''", "'");
            result = parts[0].Trim() switch
            {
                "displayName" => result.Where(r => r.DisplayName == value),
                "status" => result.Where(r => r.Status == value),
                "customer/tenantId" => result.Where(r => r.CustomerTenantId == value),
                _ => throw new InvalidOperationException("unsupported filter " + clause),
            };
        }

        return result.ToList();
    }

    private HttpResponseMessage Page(List<JsonNode> all, System.Collections.Specialized.NameValueCollection query, string path)
    {
        var skip = int.TryParse(query["$skiptoken"], out var s) ? s : 0;
        var top = int.TryParse(query["$top"], out var t) ? Math.Min(t, PageSize) : PageSize;
        OnListPage?.Invoke(skip / Math.Max(top, 1));
        var page = all.Skip(skip).Take(top).ToList();
        var result = new JsonObject { ["value"] = new JsonArray(page.Select(n => n.DeepClone()).ToArray()) };
        if (skip + top < all.Count)
        {
            var next = $"{BaseUrl}/{path}?$top={top}&$skiptoken={skip + top}";
            if (query["$filter"] is { } f) next += "&$filter=" + Uri.EscapeDataString(f);
            result["@odata.nextLink"] = next;
        }

        return Json(HttpStatusCode.OK, result);
    }

    private string NewETag() => $"W/\"etag-{_etag++}\"";

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message)
        => Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString() } } });

    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode node)
        => new(status) { Content = new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json") };
}

public sealed class FakeRelationship
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public string Status { get; set; } = "created";
    public string? CustomerTenantId { get; init; }
    public string? CustomerName { get; init; }
    public List<string> Roles { get; init; } = new();
    public string Duration { get; init; } = "P730D";
    public string AutoExtendDuration { get; set; } = "PT0S";
    public required string ETag { get; set; }
    public List<JsonObject> Assignments { get; } = new();

    public JsonObject ToJson() => new()
    {
        ["@odata.etag"] = ETag,
        ["id"] = Id,
        ["displayName"] = DisplayName,
        ["duration"] = Duration,
        ["customer"] = CustomerTenantId is null ? null : new JsonObject { ["tenantId"] = CustomerTenantId, ["displayName"] = CustomerName },
        ["accessDetails"] = new JsonObject { ["unifiedRoles"] = new JsonArray(Roles.Select(r => (JsonNode)new JsonObject { ["roleDefinitionId"] = r }).ToArray()) },
        ["status"] = Status,
        ["autoExtendDuration"] = AutoExtendDuration,
        ["createdDateTime"] = "2026-11-20T10:00:00Z",
        ["lastModifiedDateTime"] = "2026-11-20T10:00:05Z",
        ["activatedDateTime"] = null,
        ["endDateTime"] = null,
    };
}
