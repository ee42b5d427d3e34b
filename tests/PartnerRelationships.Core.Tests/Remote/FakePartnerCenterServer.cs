using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Remote;
using PartnerRelationships.Core.Remote.Authentication;
using PartnerRelationships.Core.Resilience;
using PartnerRelationships.Core.Tests.Resilience;

namespace PartnerRelationships.Core.Tests.Remote;

/// <summary>The Partner Center REST subset of remote-api.md, in memory, with scripted faults.</summary>
public sealed class FakePartnerCenterServer : HttpMessageHandler
{
    public const string BaseUrl = "https://pc.test";

    /// <summary>A real client (token, resilience pipeline with 4 attempts) whose requests this server answers.</summary>
    public PartnerCenterClient CreateClient(TestClock clock, Func<IRemoteCallObserver?>? observer = null)
    {
        var endpoints = CloudEndpoints.Resolve(CloudEnvironment.Global, new EndpointSettings { PartnerCenter = new Uri(BaseUrl) });
        var pipeline = ResiliencePipelineFactory.Create(new RetrySettings { MaxAttempts = 4 }, clock, () => 0.5);
        return new PartnerCenterClient(new StaticAccessTokenCredential("pc-token", clock), endpoints, pipeline, clock, observer, this);
    }
    private readonly object _gate = new();
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage?>> _faults = new();

    /// <summary>Customers are made on demand from their index, so 10,000 of them cost nothing to hold.</summary>
    public int CustomerCount { get; set; } = 3;
    public Dictionary<string, JsonObject> SupportContacts { get; } = new();
    public HashSet<string> RemovedRelationships { get; } = new();

    /// <summary>What the reseller-removal PATCH answers in RelationshipToPartner.</summary>
    public string PatchAnswer { get; set; } = "none";
    public List<(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body)> Requests { get; } = new();

    public FakePartnerCenterServer Fault(Func<HttpRequestMessage, HttpResponseMessage?> fault)
    {
        lock (_gate) _faults.Enqueue(fault);
        return this;
    }

    public static JsonObject Customer(int i) => new()
    {
        ["id"] = $"cust-{i}",
        ["companyProfile"] = new JsonObject { ["tenantId"] = $"cust-{i}", ["domain"] = $"c{i}.onmicrosoft.com", ["companyName"] = $"Customer {i}" },
        ["relationshipToPartner"] = "reseller",
        ["allowDelegatedAccess"] = i % 2 == 0,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<HttpRequestMessage, HttpResponseMessage?>? fault = null;
        lock (_gate)
        {
            Requests.Add((request.Method.Method, request.RequestUri!.PathAndQuery,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), body));
            if (_faults.Count > 0) fault = _faults.Dequeue();
        }

        var faulted = fault?.Invoke(request);
        if (faulted is not null) return faulted;

        var s = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        var method = request.Method.Method;
        switch (s)
        {
            case ["v1", "customers", "relationshiprequests"] when method == "GET":
                var url = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3b33e682-00c3-41ee-9dd2-a548adf56438&msppId=0&DAP=false#/BillingAccounts/partner-invitation";
                return Json(HttpStatusCode.OK, new JsonObject { ["url"] = url, ["attributes"] = new JsonObject { ["objectType"] = "RelationshipRequest" } });
            case ["v1", "customers"] when method == "GET":
                var size = int.Parse(query["size"] ?? "100");
                var start = request.Headers.TryGetValues("MS-ContinuationToken", out var tokens) ? int.Parse(tokens.First()) : 0;
                var items = Enumerable.Range(start, Math.Max(0, Math.Min(size, CustomerCount - start))).Select(i => (JsonNode)Customer(i)).ToArray();
                var page = new JsonObject { ["totalCount"] = items.Length, ["items"] = new JsonArray(items) };
                if (start + size < CustomerCount)
                {
                    var next = (start + size).ToString();
                    page["continuationToken"] = next;
                    page["links"] = new JsonObject
                    {
                        ["next"] = new JsonObject
                        {
                            ["uri"] = $"/customers?size={size}",
                            ["method"] = "GET",
                            ["headers"] = new JsonArray(new JsonObject { ["key"] = "MS-ContinuationToken", ["value"] = next }),
                        },
                    };
                }

                return Json(HttpStatusCode.OK, page);
            case ["v1", "customers", var id] when method == "GET":
                return int.TryParse(id.Replace("cust-", ""), out var n) && n < CustomerCount
                    ? Json(HttpStatusCode.OK, Customer(n))
                    : Error(HttpStatusCode.NotFound, 600039, "CustomerNotFound", "The customer was not found.");
            case ["v1", "customers", var id] when method == "PATCH":
                if (id == "cust-1") return Error(HttpStatusCode.BadRequest, 800002, "ActiveSubscriptions", "The customer has active subscriptions.");
                RemovedRelationships.Add(id);
                // remove-a-reseller-relationship-with-a-customer answers PascalCase.
                return Json(HttpStatusCode.OK, new JsonObject { ["Id"] = null, ["RelationshipToPartner"] = PatchAnswer, ["AllowDelegatedAccess"] = null, ["Attributes"] = new JsonObject { ["ObjectType"] = "Customer" } });
            case ["v1", "customers", _, "subscriptions"] when method == "GET":
                return Json(HttpStatusCode.OK, new JsonObject
                {
                    ["totalCount"] = 2,
                    ["items"] = new JsonArray(
                        new JsonObject { ["id"] = "sub-legacy", ["offerId"] = "5c9fd4cc-edce-44a8-8e91-07df09744609", ["offerName"] = "Office 365 E3", ["friendlyName"] = "E3", ["status"] = "active" },
                        new JsonObject { ["id"] = "sub-nce", ["offerId"] = "CFQ7TTC0LH18:0001:CFQ7TTC0K5DR", ["offerName"] = "Microsoft 365 Business Basic", ["status"] = "active", ["termDuration"] = "P1M" }),
                });
            case ["v1", "customers", var id, "subscriptions", var sub, "supportcontact"] when method == "GET":
                return SupportContacts.TryGetValue(id + "/" + sub, out var contact) ? Json(HttpStatusCode.OK, contact.DeepClone()) : Error(HttpStatusCode.NotFound, 1000, "", "Not found");
            case ["v1", "customers", var id, "subscriptions", var sub, "supportcontact"] when method == "PUT":
                SupportContacts[id + "/" + sub] = JsonNode.Parse(body!)!.AsObject();
                return Json(HttpStatusCode.OK, SupportContacts[id + "/" + sub].DeepClone());
            case ["v1", "customers", "cust-2", "relationships"] when method == "GET":
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") };
            case ["v1", "customers", _, "relationships"] when method == "GET":
                return Json(HttpStatusCode.OK, new JsonObject
                {
                    ["totalCount"] = 1,
                    ["items"] = new JsonArray(new JsonObject { ["id"] = "r1", ["mpnId"] = "555", ["name"] = "Reseller One", ["relationshipType"] = "IsIndirectResellerOf", ["state"] = "Active" }),
                });
        }

        return Error(HttpStatusCode.NotFound, 0, "NotFound", "No such path.");
    }

    /// <summary>The newer error shape with an errorName; an empty name gives the classic shape {code, description, data, source}.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, int code, string name, string description)
        => Json(status, name.Length == 0
            ? new JsonObject { ["code"] = code, ["description"] = description, ["data"] = new JsonArray(), ["source"] = "PartnerFD" }
            : new JsonObject { ["code"] = code, ["description"] = description, ["errorName"] = name });

    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode node)
        => new(status) { Content = new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json") };
}
